package com.careslot.query;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    @Bean
    ServiceSchema querySideSchema() {
        return new ServiceSchema("query_side", "classpath:db/query-side");
    }
}
