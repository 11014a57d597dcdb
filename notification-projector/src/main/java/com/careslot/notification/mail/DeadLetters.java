package com.careslot.notification.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.platform.web.NotFoundException;

/**
 * The mails SMTP refused, by event (the "dead letters" of the {@code notification-mail} outbox): an event is listed
 * while any of its mails has failed and is not sent yet, with its attempts, the next automatic try (none once the
 * attempts are used up: then it waits for an admin) and the last error. An admin's retry makes the event's mails due
 * now, whatever their attempts, and sends them (and the mails that waited behind them for the same appointment) at
 * once: made due and claimed in one transaction, so no sender of this node or another claims them first.
 */
@Component
class DeadLetters {

    private static final String FAILED_BY_EVENT = """
            select message_key, min(sequence_key) as sequence_key, min(id) as first_id, min(type) as type,
                   min(created_at) as enqueued_at, max(updated_at) as last_touched, max(attempts) as attempts,
                   bool_or(status = 'DEAD_LETTERED') as dead, min(next_attempt_at) as next_attempt_at,
                   (array_agg(last_error_type order by updated_at desc))[1] as cause_type,
                   (array_agg(last_error order by updated_at desc))[1] as cause_message
            from notification.mail_log
            where status in ('FAILED', 'DEAD_LETTERED') and details is not null
            """;

    private final JdbcClient jdbc;
    private final MailDelivery delivery;

    DeadLetters(JdbcClient jdbc, MailDelivery delivery) {
        this.jdbc = jdbc;
        this.delivery = delivery;
    }

    DeadLetterPage page(int page, int size) {
        long total = count();
        List<DeadLetterPage.Letter> items = jdbc.sql(FAILED_BY_EVENT + """
                        group by message_key order by min(created_at), message_key limit ? offset ?""")
                .params(size, (long) page * size)
                .query(DeadLetters::letter).list();
        return new DeadLetterPage(items, page, size, total);
    }

    /** Events with a failed mail not sent yet. */
    long count() {
        return jdbc.sql("""
                        select count(distinct message_key) from notification.mail_log
                        where status in ('FAILED', 'DEAD_LETTERED') and details is not null""")
                .query(Long.class).single();
    }

    /** Sends the event's unsent mails now, whatever their attempts, and those after them for the same appointment. */
    RetryOutcome retry(String id) {
        String sequence = delivery.retryNow(id)
                .orElseThrow(() -> new NotFoundException("No dead letter " + id + "."));
        for (int round = 0; round < 100 && delivery.deliverDue(sequence) > 0; round++) {
            if (find(id).isEmpty()) {
                break;
            }
        }
        Optional<DeadLetterPage.Letter> still = find(id);
        return still.map(letter -> new RetryOutcome(id, "FAILED", letter))
                .orElseGet(() -> new RetryOutcome(id, "DELIVERED", null));
    }

    /** What an admin's retry did: DELIVERED (every mail of the event is sent) or FAILED, with the letter as it is now. */
    record RetryOutcome(String id, String outcome, DeadLetterPage.Letter letter) {
    }

    private Optional<DeadLetterPage.Letter> find(String id) {
        return jdbc.sql(FAILED_BY_EVENT + " and message_key = ? group by message_key")
                .param(id).query(DeadLetters::letter).optional();
    }

    private static DeadLetterPage.Letter letter(ResultSet row, int number) throws SQLException {
        boolean dead = row.getBoolean("dead");
        String causeType = row.getString("cause_type");
        return new DeadLetterPage.Letter(row.getString("message_key"), MailProcessing.GROUP,
                row.getString("sequence_key"), row.getLong("first_id"), row.getString("message_key"),
                eventType(MailType.valueOf(row.getString("type"))), row.getString("sequence_key"),
                instant(row, "enqueued_at"), instant(row, "last_touched"), row.getInt("attempts"),
                dead ? null : instant(row, "next_attempt_at"),
                causeType == null ? null : new DeadLetterPage.Cause(causeType, row.getString("cause_message")));
    }

    /** The event that owed a mail of this type. */
    private static String eventType(MailType type) {
        return switch (type) {
            case BOOKED -> "SlotBooked";
            case RESCHEDULED -> "BookingMovedIn";
            case CANCELLED, CANCELLED_BY_DOCTOR -> "BookingCancelled";
            case RECEIPT -> "PaymentSucceeded";
            case REFUND -> "PaymentRefunded";
            case REMINDER -> "Reminder";
        };
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
