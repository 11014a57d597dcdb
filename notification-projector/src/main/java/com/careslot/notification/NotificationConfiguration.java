package com.careslot.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;
import com.careslot.platform.eventstore.ReadModelGroups;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    ServiceSchema notificationSchema() {
        return new ServiceSchema("notification", "classpath:db/notification");
    }

    /**
     * The audit trail and the mail recipients are read models (rebuilt from the store); the mail processor is not: a
     * mail it sent is a fact outside the database, so its mail log commits synchronously.
     */
    @Bean
    ReadModelGroups notificationReadModels() {
        return new ReadModelGroups("audit-trail", "notification-recipients");
    }
}
