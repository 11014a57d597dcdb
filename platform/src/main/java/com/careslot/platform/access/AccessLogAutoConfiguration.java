package com.careslot.platform.access;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The access log every service's reads of patient data write to (docs/PRIVACY.md, "Access log"). */
@AutoConfiguration
public class AccessLogAutoConfiguration {

    @Bean
    AccessLog accessLog(ObjectProvider<EventGateway> events) {
        return new AccessLog(events);
    }
}
