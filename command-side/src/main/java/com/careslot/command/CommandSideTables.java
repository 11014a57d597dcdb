package com.careslot.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;
import com.careslot.platform.idempotency.IdempotencyTable;

/**
 * The command side's own tables (accounts and their secrets, idempotency keys); kept apart from beans that need the
 * database.
 */
@Configuration(proxyBeanMethods = false)
class CommandSideTables {

    @Bean
    ServiceSchema commandSideSchema() {
        return new ServiceSchema("command_side", "classpath:db/command-side");
    }

    /** The command side takes the writes, so it keeps their Idempotency-Key answers: this turns the filter on. */
    @Bean
    IdempotencyTable idempotencyTable() {
        return new IdempotencyTable("command_side.idempotent_request");
    }
}
