package com.careslot.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.platform.database.ServiceSchema;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    ServiceSchema notificationSchema() {
        return new ServiceSchema("notification", "classpath:db/notification");
    }
}
