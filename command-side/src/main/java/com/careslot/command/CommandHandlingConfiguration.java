package com.careslot.command;

import java.time.Clock;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    CommandHandlingConfiguration(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionInterceptor());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
