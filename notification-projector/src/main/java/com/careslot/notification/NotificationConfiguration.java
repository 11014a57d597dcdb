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
     * The audit trail and the mail recipients are read models (rebuilt from the store). The mail processor's outbox is
     * not, yet its batches may commit asynchronously too: a batch lost in a crash of the database loses its token
     * update with it, so the processor records the same mails again; and before any mail of a batch goes out, the
     * sender's claim commits synchronously, which puts everything committed before it on disk (the log is flushed in
     * order), so no mail is sent whose record could still be lost.
     */
    @Bean
    ReadModelGroups notificationReadModels() {
        return new ReadModelGroups("audit-trail", "notification-recipients", "notification-mail");
    }
}
