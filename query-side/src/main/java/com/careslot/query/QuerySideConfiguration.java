package com.careslot.query;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;

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
}
