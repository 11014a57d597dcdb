package com.careslot.notification.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.notification.recipient.Recipient;

/**
 * {@code notification.mail_log}: one row per mail owed, keyed by (message, recipient). Every write commits in its own
 * transaction, at once: a mail recorded as sent stays recorded even when the event's unit of work (or the retry of
 * its dead letter) rolls back afterwards, so it is never sent twice.
 */
@Component
class MailLog {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String DEAD_LETTERED = "DEAD_LETTERED";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    MailLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records the mail as owed unless it already is, and answers whether it has been sent already. */
    boolean alreadySent(String messageKey, Recipient to, MailType type, String subject) {
        String status = ownTransaction.execute(tx -> jdbc.sql("""
                        insert into notification.mail_log (message_key, recipient_id, recipient_email, type, subject,
                            status)
                        values (?, ?, ?, ?, ?, 'PENDING')
                        on conflict (message_key, recipient_id) do update set updated_at = now()
                        returning status""")
                .params(messageKey, to.accountId(), to.email(), type.name(), truncate(subject, 500))
                .query(String.class).single());
        return SENT.equals(status);
    }

    void sent(String messageKey, UUID recipientId) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update notification.mail_log
                        set status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now(),
                            last_error = null
                        where message_key = ? and recipient_id = ?""")
                .params(messageKey, recipientId).update());
    }

    void failed(String messageKey, UUID recipientId, String error) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update notification.mail_log
                        set status = 'FAILED', attempts = attempts + 1, updated_at = now(), last_error = ?
                        where message_key = ? and recipient_id = ? and status <> 'SENT'""")
                .params(truncate(error, 1000), messageKey, recipientId).update());
    }

    /** The message's retries are used up: its unsent mails wait for an admin. */
    void deadLettered(String messageKey) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update notification.mail_log set status = 'DEAD_LETTERED', updated_at = now()
                        where message_key = ? and status <> 'SENT'""")
                .param(messageKey).update());
    }

    /** The mails a recipient was sent or is owed, newest first. */
    NotificationPage page(UUID recipientId, int page, int size) {
        long total = jdbc.sql("select count(*) from notification.mail_log where recipient_id = ?")
                .param(recipientId).query(Long.class).single();
        List<NotificationPage.Notification> items = jdbc.sql("""
                        select id, type, subject, status, created_at, sent_at from notification.mail_log
                        where recipient_id = ? order by created_at desc, id desc limit ? offset ?""")
                .params(recipientId, size, (long) page * size)
                .query(MailLog::notification).list();
        return new NotificationPage(items, page, size, total);
    }

    /** How many mails of each type are sent, failed (a retry is due), pending, and dead-lettered (await an admin). */
    NotificationStats stats() {
        Map<MailType, long[]> counts = new EnumMap<>(MailType.class);
        for (MailType type : MailType.values()) {
            counts.put(type, new long[4]);
        }
        jdbc.sql("select type, status, count(*) as n from notification.mail_log group by type, status")
                .query(row -> {
                    long[] byStatus = counts.get(MailType.valueOf(row.getString("type")));
                    int index = switch (row.getString("status")) {
                        case SENT -> 0;
                        case FAILED -> 1;
                        case PENDING -> 2;
                        default -> 3;
                    };
                    byStatus[index] += row.getLong("n");
                });
        return NotificationStats.of(counts);
    }

    private static NotificationPage.Notification notification(ResultSet row, int number) throws SQLException {
        return new NotificationPage.Notification(row.getLong("id"), row.getString("type"), row.getString("subject"),
                row.getString("status"), instant(row.getTimestamp("created_at")), instant(row.getTimestamp("sent_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text, int length) {
        if (text == null) {
            return null;
        }
        return text.length() <= length ? text : text.substring(0, length);
    }
}
