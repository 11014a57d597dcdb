package com.careslot.notification.mail;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.stereotype.Component;

/**
 * Keeps every failed mail event in the dead-letter queue and counts its attempts in the letter's diagnostics
 * ({@code attempts}). A letter is never evicted for failing: once its attempts reach
 * {@code careslot.notification.retry.max-attempts} the scheduled retry leaves it alone, its mails are marked
 * DEAD_LETTERED, and it waits for an admin ({@code POST /api/admin/dead-letters/{id}/retry}).
 */
@Component
class RetryPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";

    private final NotificationSettings.Retry retry;
    private final MailLog mailLog;

    RetryPolicy(NotificationSettings settings, MailLog mailLog) {
        this.retry = settings.retry();
        this.mailLog = mailLog;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        int attempts = attempts(letter.diagnostics()) + 1;
        if (retry.exhausted(attempts)) {
            mailLog.deadLettered(letter.message().getIdentifier());
        }
        return Decisions.requeue(cause, failed -> failed.diagnostics().and(ATTEMPTS, attempts));
    }

    static int attempts(MetaData diagnostics) {
        Object value = diagnostics == null ? null : diagnostics.get(ATTEMPTS);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
