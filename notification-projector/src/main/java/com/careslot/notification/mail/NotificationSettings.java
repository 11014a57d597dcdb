package com.careslot.notification.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code careslot.notification.*}: when reminders go out, and how often a mail that SMTP refused is tried again
 * before it waits in the dead-letter queue for an admin.
 *
 * @param reminderLead         how long before an appointment's start its reminder is sent
 * @param reminderPollInterval how often due reminders are looked for
 * @param retry                retries of mails SMTP refused
 * @param delivery             how the outbox is sent
 */
@ConfigurationProperties("careslot.notification")
record NotificationSettings(@DefaultValue("PT24H") Duration reminderLead,
                            @DefaultValue("PT30S") Duration reminderPollInterval,
                            @DefaultValue Retry retry,
                            @DefaultValue Delivery delivery) {

    /**
     * @param batchSize the most mails claimed at once and sent over one SMTP connection
     * @param claim     how long a claimed mail is left to its sender before another node may take it (after a crash
     *                  between claiming and recording); renewed at half-time while a slow server works through a batch,
     *                  so it need only outlast sending one mail (SMTP timeouts: 5 s to connect, 10 s per read or write)
     * @param senders   threads sending the outbox on this node, each with its own SMTP connection; one appointment's
     *                  mails still go out in order (the claim holds back a mail while an earlier one is unsent)
     */
    record Delivery(@DefaultValue("50") int batchSize, @DefaultValue("PT1M") Duration claim,
                    @DefaultValue("4") int senders) {

        Delivery {
            if (batchSize < 1 || senders < 1 || claim.isNegative() || claim.isZero()) {
                throw new IllegalArgumentException("careslot.notification.delivery: batch-size and senders must be at "
                        + "least 1 and claim positive");
            }
        }
    }

    /**
     * @param maxAttempts    tries in all (the first one included); after the last a mail waits for an admin
     * @param initialBackoff the wait before the second try; it doubles before every further one
     * @param pollInterval   how often the outbox is looked at for mails due again (new mails wake the sender at once)
     */
    record Retry(@DefaultValue("5") int maxAttempts,
                 @DefaultValue("PT1M") Duration initialBackoff,
                 @DefaultValue("PT10S") Duration pollInterval) {

        /** The wait after the {@code attempts}-th failed try: initial, then doubling. */
        Duration backoffAfter(int attempts) {
            int doublings = Math.max(0, Math.min(attempts - 1, 20));
            return initialBackoff.multipliedBy(1L << doublings);
        }

        boolean exhausted(int attempts) {
            return attempts >= maxAttempts;
        }
    }
}
