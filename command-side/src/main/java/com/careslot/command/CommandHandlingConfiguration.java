package com.careslot.command;

import java.time.Clock;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;

@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    CommandHandlingConfiguration(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionInterceptor());
    }

    @Bean
    ServiceSchema commandSideSchema() {
        return new ServiceSchema("command_side", "classpath:db/command-side");
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
