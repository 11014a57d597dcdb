package com.careslot.notification.mail;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code careslot_mail_dead_letters}: the events whose mail SMTP refused and that are not sent yet (the outbox's dead
 * letters, {@link DeadLetters}, plus any left in the old dead-letter queue until {@link LegacyDeadLetters} moved
 * them), counted in the tables at each scrape, so every node reports the cluster's number. Anything above 0 for long
 * wants an admin (docs/NOTIFICATIONS.md).
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    private final DeadLetters deadLetters;
    private final LegacyDeadLetters legacy;

    DeadLetterMetrics(DeadLetters deadLetters, LegacyDeadLetters legacy) {
        this.deadLetters = deadLetters;
        this.legacy = legacy;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("careslot.mail.dead.letters", this::count)
                .description("Events whose mail SMTP refused, waiting for a retry or an admin")
                .register(registry);
    }

    private double count() {
        try {
            return deadLetters.count() + legacy.count();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
