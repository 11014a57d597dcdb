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
     * The audit trail and the mail recipients are read models (rebuilt from the store); the mail processor is not: its
     * outbox is the memory of mail owed and sent, which a replay does not rebuild, so it commits synchronously.
     */
    @Bean
    ReadModelGroups notificationReadModels() {
        return new ReadModelGroups("audit-trail", "notification-recipients");
    }
}
