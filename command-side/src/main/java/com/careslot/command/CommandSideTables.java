package com.careslot.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;

/** The command side's own tables (accounts and their secrets); kept apart from beans that need the database. */
@Configuration(proxyBeanMethods = false)
class CommandSideTables {

    @Bean
    ServiceSchema commandSideSchema() {
        return new ServiceSchema("command_side", "classpath:db/command-side");
    }
}
