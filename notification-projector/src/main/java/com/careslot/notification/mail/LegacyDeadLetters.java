package com.careslot.notification.mail;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.SlotBooked;

/**
 * Moves the events left in the old {@code notification-mail} dead-letter queue ({@code notification.dead_letter_entry},
 * from before the outbox) into the outbox: each letter, oldest first within its appointment, runs through the same
 * handlers as a live event (which now only record the mails owed, and give the mail-log rows the old attempts left
 * behind what they need to be sent), and leaves the queue once recorded. Axon's queue claims a letter's sequence, so
 * with several nodes each letter moves once. An empty queue costs one count every poll interval.
 */
@Component
class LegacyDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(LegacyDeadLetters.class);
    private static final int MOST_PER_ROUND = 1000;

    private final JdbcSequencedDeadLetterQueue<EventMessage<?>> queue;
    private final AppointmentMailProjection appointmentMails;
    private final PaymentMailProjection paymentMails;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    LegacyDeadLetters(JdbcSequencedDeadLetterQueue<EventMessage<?>> queue, AppointmentMailProjection appointmentMails,
                      PaymentMailProjection paymentMails, PlatformTransactionManager transactions, JdbcClient jdbc) {
        this.queue = queue;
        this.appointmentMails = appointmentMails;
        this.paymentMails = paymentMails;
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "${careslot.notification.retry.poll-interval:PT10S}",
               fixedDelayString = "${careslot.notification.retry.poll-interval:PT10S}")
    void moveToOutbox() {
        if (count() == 0) {
            return;
        }
        for (int i = 0; i < MOST_PER_ROUND; i++) {
            boolean moved = queue.process(letter -> {
                try {
                    transaction.executeWithoutResult(status -> record(letter.message()));
                    return Decisions.evict();
                } catch (RuntimeException e) {
                    log.warn("A dead letter of {} could not be moved to the mail outbox: {}", MailProcessing.GROUP,
                            e.toString());
                    return Decisions.requeue(e);
                }
            });
            if (!moved) {
                return;
            }
        }
    }

    long count() {
        return jdbc.sql("select count(*) from " + MailProcessing.DEAD_LETTER_TABLE + " where processing_group = ?")
                .param(MailProcessing.GROUP).query(Long.class).single();
    }

    private void record(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof SlotBooked booked) {
            appointmentMails.on(booked, message);
        } else if (payload instanceof BookingMovedIn moved) {
            appointmentMails.on(moved, message);
        } else if (payload instanceof BookingCancelled cancelled) {
            Object role = message.getMetaData().get("actorRole");
            appointmentMails.on(cancelled, message, role == null ? null : role.toString());
        } else if (payload instanceof PaymentSucceeded paid) {
            paymentMails.on(paid, message);
        } else if (payload instanceof PaymentRefunded refunded) {
            paymentMails.on(refunded, message);
        }
    }
}
