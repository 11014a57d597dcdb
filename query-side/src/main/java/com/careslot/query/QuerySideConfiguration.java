package com.careslot.query;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;
import com.careslot.platform.eventstore.ReadModelGroups;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServiceSchema querySideSchema() {
        return new ServiceSchema("query_side", "classpath:db/query-side");
    }

    /** Every processor of the query side writes only its read model (with its token): rebuilt from the store. */
    @Bean
    ReadModelGroups querySideReadModels() {
        return new ReadModelGroups("slot-view", "appointment-view", "doctor-directory", "patient-directory",
                "availability-view", "patient-contacts", "payment-view");
    }
}
