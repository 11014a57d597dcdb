package com.careslot.notification.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.api.privacy.PersonalData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code notification.mail_log}, the mail outbox: one row per mail owed, keyed by (message, recipient). The mail
 * processor records rows in its own transaction ({@link #owe}); {@link MailDelivery} claims due rows in a short
 * transaction ({@link #claim}), sends them with no transaction open, and records what SMTP said in another
 * ({@link #sent}, {@link #failed}). A row recorded as sent is never claimed again, so it is never sent twice; the one
 * window is a crash between SMTP's 250 and {@link #sent}, after which the row is claimed again once its claim has
 * expired and goes out with the same Message-ID.
 */
@Component
class MailLog {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String DEAD_LETTERED = "DEAD_LETTERED";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final NotificationSettings.Retry retry;
    private final MailWakeUp wakeUp;

    MailLog(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions,
            NotificationSettings settings, MailWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.retry = settings.retry();
        this.wakeUp = wakeUp;
    }

    /** A mail owed: to whom, of what kind, in which appointment's order, and what it will say. */
    record Owed(String messageKey, UUID recipientId, MailType type, String sequenceKey, MailDetails details) {
    }

    /**
     * Records the mails owed, in the caller's transaction, with one statement; a mail already recorded stays as it is
     * (a redelivered event owes nothing new), except a row from before the outbox, which had no details: it takes
     * them, so it can be sent.
     */
    void owe(List<Owed> mails) {
        if (mails.isEmpty()) {
            return;
        }
        int n = mails.size();
        String[] keys = new String[n];
        UUID[] recipients = new UUID[n];
        String[] types = new String[n];
        String[] sequences = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Owed mail = mails.get(i);
            keys[i] = mail.messageKey();
            recipients[i] = mail.recipientId();
            types[i] = mail.type().name();
            sequences[i] = mail.sequenceKey();
            details[i] = write(mail.details());
        }
        jdbc.sql("""
                        insert into notification.mail_log (message_key, recipient_id, type, sequence_key, details,
                            status)
                        select key, recipient, type, sequence, details::jsonb, 'PENDING'
                        from unnest(?::varchar[], ?::uuid[], ?::varchar[], ?::varchar[], ?::text[])
                            with ordinality as owed(key, recipient, type, sequence, details, n)
                        order by n
                        on conflict (message_key, recipient_id) do update set details = excluded.details,
                            sequence_key = excluded.sequence_key, next_attempt_at = now(), updated_at = now(),
                            status = case when mail_log.status = 'DEAD_LETTERED' then 'FAILED' else mail_log.status end
                        where mail_log.details is null and mail_log.status <> 'SENT'""")
                .params(keys, recipients, types, sequences, details)
                .update();
        wakeUp.afterCommit();
    }

    /** A mail claimed for sending. */
    record Claimed(long id, String messageKey, UUID recipientId, MailType type, int attempts, MailDetails details) {
    }

    /**
     * Claims up to {@code limit} due mails for {@code claim}, oldest first, in a transaction of its own. A mail is due
     * when no earlier mail of its appointment (another event's) is unsent: one appointment's mails go out in order,
     * and one that keeps failing holds back the ones after it. {@code sequenceKey}, when given, claims only that
     * appointment's mails.
     */
    List<Claimed> claim(int limit, Duration claim, String sequenceKey) {
        return ownTransaction.execute(tx -> claimIn(limit, claim, sequenceKey));
    }

    private List<Claimed> claimIn(int limit, Duration claim, String sequenceKey) {
        return jdbc.sql("""
                        with due as (
                            select m.id from notification.mail_log m
                            where m.status in ('PENDING', 'FAILED') and m.next_attempt_at <= now()
                              and m.details is not null
                              and (m.claimed_until is null or m.claimed_until < now())
                              and (cast(:sequence as varchar) is null or m.sequence_key = :sequence)
                              and not exists (select 1 from notification.mail_log e
                                              where e.sequence_key = m.sequence_key and e.id < m.id
                                                and e.message_key <> m.message_key
                                                and e.status not in ('SENT', 'SKIPPED'))
                            order by m.next_attempt_at, m.id
                            limit :limit
                            for update of m skip locked)
                        update notification.mail_log m
                        set claimed_until = now() + make_interval(secs => :seconds)
                        from due where m.id = due.id
                        returning m.id, m.message_key, m.recipient_id, m.type, m.attempts, m.details::text as details""")
                .param("sequence", sequenceKey)
                .param("limit", limit)
                .param("seconds", (double) claim.toMillis() / 1000)
                .query((row, number) -> new Claimed(row.getLong("id"), row.getString("message_key"),
                        row.getObject("recipient_id", UUID.class), MailType.valueOf(row.getString("type")),
                        row.getInt("attempts"), read(row.getString("details"))))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(Claimed::id)).toList();
    }

    /** Keeps claimed mails claimed for another {@code claim}, while a slow server works through their batch. */
    void extendClaim(List<Long> ids, Duration claim) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update notification.mail_log set claimed_until = now() + make_interval(secs => ?)
                        where id = any(?) and status <> 'SENT'""")
                .params((double) claim.toMillis() / 1000, ids.toArray(Long[]::new))
                .update());
    }

    /**
     * SMTP took the mail. Its details go: the log keeps who got what, not the letter's words.
     * <p>
     * A mail is rendered before it is sent, with the names and address its people had then; one of them may have been
     * erased meanwhile, and the erasure ({@code RecipientDirectory}) has then already scrubbed the log's rows. So the
     * people are locked and read again here, after the send: an erased recipient's address and a subject naming an
     * erased patient are not written back. The erasure locks the same rows first, so it either waits for this
     * transaction (and scrubs what it wrote) or this transaction waits for it (and sees the people erased).
     */
    void sent(List<Rendered> mails) {
        if (mails.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            Set<UUID> people = new HashSet<>();
            for (Rendered mail : mails) {
                people.add(mail.recipientId());
                if (mail.patientId() != null) {
                    people.add(mail.patientId());
                }
            }
            Set<UUID> erased = new HashSet<>(jdbc.sql("""
                            select account_id, email from notification.recipient where account_id = any(?)
                            order by account_id for share""")
                    .param(people.toArray(UUID[]::new))
                    .query((row, n) -> PersonalData.ERASED.equals(row.getString("email"))
                            ? row.getObject("account_id", UUID.class) : null)
                    .list());
            erased.remove(null);
            for (Rendered mail : mails) {
                boolean namesErased = mail.patientId() != null && erased.contains(mail.patientId());
                jdbc.sql("""
                                update notification.mail_log
                                set status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now(),
                                    recipient_email = ?, subject = ?, last_error = null, last_error_type = null,
                                    details = null, claimed_until = null
                                where id = ? and status <> 'SENT'""")
                        .params(erased.contains(mail.recipientId()) ? PersonalData.ERASED : mail.email(),
                                namesErased ? PersonalData.ERASED : truncate(mail.subject(), 500), mail.id())
                        .update();
            }
        });
    }

    /** What a claimed mail became, once rendered. */
    record Rendered(long id, UUID recipientId, UUID patientId, String email, String subject) {
    }

    /** A claimed mail could not be sent (nor rendered); tries again after back-off, or waits for an admin. */
    record Failure(Claimed mail, String email, String subject, Exception cause) {
    }

    void failed(List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            for (Failure failure : failures) {
                int attempts = failure.mail().attempts() + 1;
                boolean dead = retry.exhausted(attempts);
                jdbc.sql("""
                                update notification.mail_log
                                set status = ?, attempts = ?, updated_at = now(),
                                    next_attempt_at = now() + make_interval(secs => ?),
                                    recipient_email = coalesce(?, recipient_email), subject = coalesce(?, subject),
                                    last_error = ?, last_error_type = ?, claimed_until = null
                                where id = ? and status <> 'SENT'""")
                        .params(dead ? DEAD_LETTERED : FAILED, attempts,
                                (double) retry.backoffAfter(attempts).toMillis() / 1000,
                                failure.email(), truncate(failure.subject(), 500),
                                truncate("Could not send the " + failure.mail().type() + " mail of "
                                        + failure.mail().messageKey() + " to account " + failure.mail().recipientId()
                                        + ": " + failure.cause().getMessage(), 1000),
                                failure.cause().getClass().getSimpleName(), failure.mail().id())
                        .update();
            }
        });
    }

    /**
     * Mails whose people the recipient directory does not know yet are due again after {@code poll}, their attempts
     * untouched — for an hour after they were owed; answers those older than that, which then fail as any other.
     */
    List<Failure> waitForDirectory(List<Failure> waiting, Duration poll) {
        if (waiting.isEmpty()) {
            return List.of();
        }
        Set<Long> postponed = new HashSet<>(ownTransaction.execute(tx -> jdbc.sql("""
                        update notification.mail_log
                        set next_attempt_at = now() + make_interval(secs => ?), claimed_until = null, updated_at = now(),
                            last_error = ?, last_error_type = 'RecipientNotYetKnown'
                        where id = any(?) and status <> 'SENT' and created_at > now() - interval '1 hour'
                        returning id""")
                .params((double) poll.toMillis() / 1000, "Waiting for the recipient directory",
                        waiting.stream().map(failure -> failure.mail().id()).toArray(Long[]::new))
                .query(Long.class).list()));
        return waiting.stream().filter(failure -> !postponed.contains(failure.mail().id())).toList();
    }

    /** An admin's retry, begun: the appointment, and the first of its mails claimed for the admin's request. */
    record Retry(String sequenceKey, List<Claimed> claimed) {
    }

    /**
     * An admin's retry: the message's unsent mails, and the failed ones after them for the same appointment, are due
     * now whatever their attempts, and the first {@code limit} of them due are claimed for the caller in the same
     * transaction — the update holds their rows until it commits, so no sender (of this node or another) can claim
     * them first and leave the admin's request with nothing to send. Answers nothing when the message has no failed
     * mail.
     */
    Optional<Retry> retryNow(String messageKey, int limit, Duration claim) {
        return ownTransaction.execute(tx -> jdbc.sql("""
                        update notification.mail_log m set status = 'FAILED', next_attempt_at = now(),
                            updated_at = now()
                        from (select distinct sequence_key, min(id) over (partition by sequence_key) as first_id
                              from notification.mail_log
                              where message_key = ? and status in ('FAILED', 'DEAD_LETTERED')
                                and details is not null) failed
                        where m.sequence_key = failed.sequence_key and m.id >= failed.first_id
                          and m.status in ('FAILED', 'DEAD_LETTERED')
                        returning m.sequence_key""")
                .param(messageKey).query(String.class).list().stream().findFirst()
                .map(sequence -> new Retry(sequence, claimIn(limit, claim, sequence))));
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
    /**
     * Mails that will never go: their recipient was erased. They keep their row (the history says a mail was owed) and
     * lose what they would have said; they hold back nothing after them.
     */
    void skipped(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update notification.mail_log set status = 'SKIPPED', details = null, claimed_until = null,
                                                         updated_at = now()
                        where id = any(?) and status <> 'SENT'""")
                .param(ids.toArray(Long[]::new)).update();
    }

    NotificationStats stats() {
        Map<MailType, long[]> counts = new EnumMap<>(MailType.class);
        for (MailType type : MailType.values()) {
            counts.put(type, new long[4]);
        }
        // mails of an erased recipient (SKIPPED) were never to be sent and count nowhere
        jdbc.sql("select type, status, count(*) as n from notification.mail_log where status <> 'SKIPPED' "
                        + "group by type, status")
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

    private String write(MailDetails details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Mail details that cannot be written as JSON", e);
        }
    }

    private MailDetails read(String details) {
        try {
            return json.readValue(details, MailDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Mail details that cannot be read", e);
        }
    }

    private static String truncate(String text, int length) {
        if (text == null) {
            return null;
        }
        return text.length() <= length ? text : text.substring(0, length);
    }
}

