package com.careslot.notification.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders, durable in {@code notification.reminder}: one row per booked appointment, due
 * {@code careslot.notification.reminder-lead} before its start (at once when it was booked later than that). A move
 * sets it due again for the new time, a cancellation cancels it. Every node polls for due rows and claims each with
 * {@code FOR UPDATE SKIP LOCKED}; a due reminder of an appointment still booked and not begun is put in the mail
 * outbox ({@link MailLog#owe}) in the same transaction that marks it QUEUED, so it is owed once, and
 * {@link MailDelivery} sends it (in the appointment's order, retried like every mail). One that came due while every
 * node was down is queued at the next start (unless the appointment has begun by then).
 */
@Component
class Reminders {

    private static final int MOST_PER_ROUND = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final NotificationSettings settings;
    private final Appointments appointments;
    private final MailLog outbox;

    Reminders(JdbcClient jdbc, PlatformTransactionManager transactions, NotificationSettings settings,
              Appointments appointments, MailLog outbox) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.appointments = appointments;
        this.outbox = outbox;
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
    void queueDue() {
        for (int i = 0; i < MOST_PER_ROUND; i++) {
            if (!Boolean.TRUE.equals(transaction.execute(status -> queueNext()))) {
                return;
            }
        }
    }

    private record Due(UUID appointmentId, Instant start) {
    }

    /** Queues the next due reminder, if there is one; answers whether there was. */
    private boolean queueNext() {
        Optional<Due> next = jdbc.sql("""
                        select appointment_id, start_at from notification.reminder
                        where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit 1
                        for update skip locked""")
                .query((row, n) -> new Due(row.getObject("appointment_id", UUID.class),
                        Appointments.instant(row, "start_at")))
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
        outbox.owe(List.of(new MailLog.Owed("reminder:" + due.appointmentId() + ":" + due.start().getEpochSecond(),
                appointment.get().patientId(), MailType.REMINDER, due.appointmentId().toString(),
                MailDetails.of(appointment.get(), null))));
        mark(due, "QUEUED");
        return true;
    }

    private void mark(Due due, String status) {
        jdbc.sql("update notification.reminder set status = ? where appointment_id = ?")
                .params(status, due.appointmentId()).update();
    }
}
