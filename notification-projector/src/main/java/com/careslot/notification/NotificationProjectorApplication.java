package com.careslot.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The notification projector alone: the audit trail (and email), on port 8083 by default. */
@SpringBootApplication
public class NotificationProjectorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotificationProjectorApplication.class)
                .properties("server.port=8083", "spring.application.name=careslot-notification-projector")
                .run(args);
    }
}
