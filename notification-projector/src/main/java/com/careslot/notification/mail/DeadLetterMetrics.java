package com.careslot.notification.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code careslot_mail_dead_letters}: the mails waiting in the dead-letter queue (SMTP kept refusing them), counted in
 * the table at each scrape, so every node reports the cluster's number. Anything above 0 for long wants an admin
 * (docs/NOTIFICATIONS.md).
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    DeadLetterMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("careslot.mail.dead.letters", this::count)
                .description("Mails in the notification-mail dead-letter queue, waiting for a retry or an admin")
                .register(registry);
    }

    private double count() {
        try {
            return jdbc.sql("select count(*) from " + MailProcessing.DEAD_LETTER_TABLE + " where processing_group = ?")
                    .param(MailProcessing.GROUP).query(Long.class).single();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
