package com.careslot.notification.mail;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;

/**
 * Reminders, durable in {@code notification.reminder}: one row per booked appointment, due
 * {@code careslot.notification.reminder-lead} before its start (at once when it was booked later than that). A move
 * sets it due again for the new time, a cancellation cancels it. Every node polls for due rows and claims each with
 * {@code FOR UPDATE SKIP LOCKED}, so a reminder is sent by one node, once, and one that came due while every node
 * was down is sent at the next start (unless the appointment has begun by then).
 */
@Component
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private static final int MOST_PER_ROUND = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final NotificationSettings settings;
    private final Appointments appointments;
    private final RecipientDirectory directory;
    private final AppointmentMails mails;
    private final MailDelivery delivery;

    Reminders(JdbcClient jdbc, PlatformTransactionManager transactions, NotificationSettings settings,
              Appointments appointments, RecipientDirectory directory, AppointmentMails mails, MailDelivery delivery) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.appointments = appointments;
        this.directory = directory;
        this.mails = mails;
        this.delivery = delivery;
    }

    /** Makes the appointment's reminder due for {@code start}; a redelivered event for the same start changes nothing. */
    void schedule(UUID appointmentId, Instant start) {
        Instant due = start.minus(settings.reminderLead());
        jdbc.sql("""
                        insert into notification.reminder (appointment_id, start_at, due_at, status, attempts,
                            next_attempt_at)
                        values (?, ?, ?, 'PENDING', 0, ?)
                        on conflict (appointment_id) do update set start_at = excluded.start_at,
                            due_at = excluded.due_at, status = 'PENDING', attempts = 0,
                            next_attempt_at = excluded.next_attempt_at
                        where reminder.start_at <> excluded.start_at""")
                .params(appointmentId, Appointments.at(start), Appointments.at(due), Appointments.at(due))
                .update();
    }

    void cancel(UUID appointmentId) {
        jdbc.sql("update notification.reminder set status = 'CANCELLED' where appointment_id = ? and status = 'PENDING'")
                .param(appointmentId).update();
    }

    @Scheduled(initialDelayString = "${careslot.notification.reminder-poll-interval:PT30S}",
               fixedDelayString = "${careslot.notification.reminder-poll-interval:PT30S}")
    void sendDue() {
        for (int i = 0; i < MOST_PER_ROUND; i++) {
            if (!Boolean.TRUE.equals(transaction.execute(status -> sendNext()))) {
                return;
            }
        }
    }

    private record Due(UUID appointmentId, Instant start, int attempts) {
    }

    /** Sends the next due reminder, if there is one; answers whether there was. */
    private boolean sendNext() {
        Optional<Due> next = jdbc.sql("""
                        select appointment_id, start_at, attempts from notification.reminder
                        where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit 1
                        for update skip locked""")
                .query((row, n) -> new Due(row.getObject("appointment_id", UUID.class),
                        Appointments.instant(row, "start_at"), row.getInt("attempts")))
                .optional();
        if (next.isEmpty()) {
            return false;
        }
        Due due = next.get();
        Optional<AppointmentMailState> appointment = appointments.find(due.appointmentId());
        if (!due.start().isAfter(Instant.now()) || appointment.isEmpty()
                || !"BOOKED".equals(appointment.get().status())) {
            mark(due, "SKIPPED");
            return true;
        }
        try {
            Recipient patient = directory.find(appointment.get().patientId())
                    .orElseThrow(() -> new MailNotSentException("The patient is not in the recipient directory yet"));
            Recipient doctor = directory.find(appointment.get().doctorId())
                    .orElseThrow(() -> new MailNotSentException("The doctor is not in the recipient directory yet"));
            Parties parties = new Parties(patient, doctor);
            delivery.deliver("reminder:" + due.appointmentId() + ":" + due.start().getEpochSecond(), patient,
                    MailType.REMINDER, mails.reminder(patient, parties, appointment.get()));
            mark(due, "SENT");
        } catch (MailNotSentException e) {
            int attempts = due.attempts() + 1;
            if (settings.retry().exhausted(attempts)) {
                log.warn("Reminder of appointment {} not sent after {} attempts: {}", due.appointmentId(), attempts,
                        e.getMessage());
                jdbc.sql("update notification.reminder set status = 'FAILED', attempts = ? where appointment_id = ?")
                        .params(attempts, due.appointmentId()).update();
            } else {
                jdbc.sql("update notification.reminder set attempts = ?, next_attempt_at = ? where appointment_id = ?")
                        .params(attempts, Appointments.at(Instant.now().plus(settings.retry().backoffAfter(attempts))),
                                due.appointmentId())
                        .update();
            }
        }
        return true;
    }

    private void mark(Due due, String status) {
        jdbc.sql("update notification.reminder set status = ? where appointment_id = ?")
                .params(status, due.appointmentId()).update();
    }
}
