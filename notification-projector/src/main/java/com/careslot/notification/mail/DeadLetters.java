package com.careslot.notification.mail;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.careslot.platform.web.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code notification-mail} dead-letter queue: retried on a schedule with growing backoff until a letter's
 * attempts are used up, listed for admins, and retried by an admin on demand, exhausted or not. Retrying goes
 * through Axon's {@link SequencedDeadLetterProcessor}, which claims the letter's sequence in the table, so a letter is
 * retried by one node at a time and the letters behind it in its sequence follow in order.
 */
@Component
class DeadLetters {

    private static final int MOST_PER_ROUND = 100;

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final NotificationSettings.Retry retry;

    DeadLetters(EventProcessingConfiguration processing, JdbcClient jdbc, ObjectMapper json,
                NotificationSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.json = json;
        this.retry = settings.retry();
    }

    @Scheduled(initialDelayString = "${careslot.notification.retry.poll-interval:PT10S}",
               fixedDelayString = "${careslot.notification.retry.poll-interval:PT10S}")
    void retryDue() {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processor();
        if (processor.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (int i = 0; i < MOST_PER_ROUND; i++) {
            AtomicBoolean found = new AtomicBoolean();
            processor.get().process(letter -> {
                boolean due = isDue(letter, now);
                found.compareAndSet(false, due);
                return due;
            });
            if (!found.get()) {
                return;
            }
        }
    }

    private boolean isDue(DeadLetter<? extends EventMessage<?>> letter, Instant now) {
        int attempts = RetryPolicy.attempts(letter.diagnostics());
        return !retry.exhausted(attempts) && !letter.lastTouched().plus(retry.backoffAfter(attempts)).isAfter(now);
    }

    DeadLetterPage page(int page, int size) {
        long total = jdbc.sql("select count(*) from " + MailProcessing.DEAD_LETTER_TABLE + " where processing_group = ?")
                .param(MailProcessing.GROUP).query(Long.class).single();
        List<DeadLetterPage.Letter> items = jdbc.sql("""
                        select dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type,
                               payload, enqueued_at, last_touched, cause_type, cause_message, diagnostics
                        from %s where processing_group = ?
                        order by enqueued_at, sequence_identifier, sequence_index limit ? offset ?"""
                        .formatted(MailProcessing.DEAD_LETTER_TABLE))
                .params(MailProcessing.GROUP, size, (long) page * size)
                .query(this::letter).list();
        return new DeadLetterPage(items, page, size, total);
    }

    /** Retries the letter's sequence now, whatever its attempts. */
    RetryOutcome retry(String deadLetterId) {
        String sequence = jdbc.sql("select sequence_identifier from "
                        + MailProcessing.DEAD_LETTER_TABLE + " where dead_letter_id = ? and processing_group = ?")
                .params(deadLetterId, MailProcessing.GROUP)
                .query((row, n) -> row.getString("sequence_identifier")).optional()
                .orElseThrow(() -> new NotFoundException("No dead letter " + deadLetterId + "."));
        boolean delivered = processor().orElseThrow().process(letter ->
                letter instanceof JdbcDeadLetter<?> jdbcLetter && sequence.equals(jdbcLetter.getSequenceIdentifier()));
        Optional<DeadLetterPage.Letter> still = find(deadLetterId);
        if (still.isEmpty()) {
            return new RetryOutcome(deadLetterId, "DELIVERED", null);
        }
        return new RetryOutcome(deadLetterId, delivered ? "DELIVERED" : "FAILED", still.get());
    }

    /** What an admin's retry did: DELIVERED (the letter is gone) or FAILED, with the letter as it is now. */
    record RetryOutcome(String id, String outcome, DeadLetterPage.Letter letter) {
    }

    private Optional<DeadLetterPage.Letter> find(String deadLetterId) {
        return jdbc.sql("""
                        select dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type,
                               payload, enqueued_at, last_touched, cause_type, cause_message, diagnostics
                        from %s where dead_letter_id = ?""".formatted(MailProcessing.DEAD_LETTER_TABLE))
                .param(deadLetterId).query(this::letter).optional();
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor() {
        return processing.sequencedDeadLetterProcessor(MailProcessing.GROUP);
    }

    private DeadLetterPage.Letter letter(ResultSet row, int number) throws SQLException {
        int attempts = readTree(row.getBytes("diagnostics")).path(RetryPolicy.ATTEMPTS).asInt(0);
        Instant lastTouched = parse(row.getString("last_touched"));
        Instant nextAttempt = retry.exhausted(attempts) || lastTouched == null ? null
                : lastTouched.plus(retry.backoffAfter(attempts));
        String payloadType = row.getString("payload_type");
        JsonNode payload = readTree(row.getBytes("payload"));
        String causeType = row.getString("cause_type");
        return new DeadLetterPage.Letter(row.getString("dead_letter_id"), MailProcessing.GROUP,
                row.getString("sequence_identifier"), row.getLong("sequence_index"),
                row.getString("event_identifier"), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                payload.hasNonNull("appointmentId") ? payload.get("appointmentId").asText() : null,
                parse(row.getString("enqueued_at")), lastTouched, attempts, nextAttempt,
                causeType == null ? null : new DeadLetterPage.Cause(causeType, row.getString("cause_message")));
    }

    private JsonNode readTree(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Instant parse(String instant) {
        return instant == null ? null : Instant.parse(instant);
    }
}
