package com.careslot.platform.privacy;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one-off migration that encrypts the personal data of events stored before encryption existed (issue 22): an
 * upcaster could decrypt-or-pass old clear text on every read, but the clear text would stay in the table and no key
 * deletion could erase it; rewriting the payloads in place is the only way to make them erasable. It runs at start,
 * on one node at a time (a transaction-scoped advisory lock), over the events up to the store's head at the time of
 * migration {@code V31} (later ones were written encrypted), in batches of 500, each in its own transaction, and marks
 * itself done; a node that stops half-way leaves already encrypted texts as they are, so the next start goes on.
 * Only the personal texts change: event ids, sequence numbers, times and metadata stay.
 */
public class PlainPersonalDataRewrite {

    private static final Logger log = LoggerFactory.getLogger(PlainPersonalDataRewrite.class);
    private static final long LOCK = 0x6361726573_22L;
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Serializer types;
    private final SubjectKeys keys;
    private final ObjectMapper json = PersonalFields.EXACT;

    PlainPersonalDataRewrite(JdbcClient jdbc, TransactionTemplate transactions, Serializer types, SubjectKeys keys) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.types = types;
        this.keys = keys;
    }

    /** Rewrites what is left to rewrite; returns how many events were changed. */
    public long run() {
        if (done()) {
            return 0;
        }
        long changed = 0;
        long after = -1;
        while (true) {
            long from = after;
            long[] batch = transactions.execute(status -> rewriteBatch(from));
            if (batch == null || batch[0] < 0) {
                break;
            }
            changed += batch[1];
            after = batch[0];
        }
        transactions.executeWithoutResult(status -> jdbc.sql("update event_store.personal_data_rewrite set done = true")
                .update());
        if (changed > 0) {
            log.info("Encrypted the personal data of {} events stored before encryption", changed);
        }
        return changed;
    }

    boolean done() {
        return jdbc.sql("select done from event_store.personal_data_rewrite").query(Boolean.class).optional()
                .orElse(true);
    }

    /** {last global index seen (-1: none left), events changed}. */
    private long[] rewriteBatch(long after) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).list();
        if (done()) {
            return new long[] {-1, 0};
        }
        List<Row> rows = jdbc.sql("""
                        select global_index, payload_type, payload_revision, payload from event_store.domain_event_entry
                        where global_index > ? and global_index <= (select through from event_store.personal_data_rewrite)
                        order by global_index limit ?""")
                .params(after, BATCH)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .list();
        if (rows.isEmpty()) {
            return new long[] {-1, 0};
        }
        long changed = 0;
        for (Row row : rows) {
            byte[] rewritten = rewrite(row);
            if (rewritten != null) {
                jdbc.sql("update event_store.domain_event_entry set payload = ? where global_index = ?")
                        .params(rewritten, row.globalIndex()).update();
                changed++;
            }
        }
        return new long[] {rows.get(rows.size() - 1).globalIndex(), changed};
    }

    private byte[] rewrite(Row row) {
        Class<?> type = types.classForType(new SimpleSerializedType(row.type(), row.revision()));
        if (type == null || UnknownSerializedType.class.equals(type)) {
            return null;
        }
        PersonalFields fields = PersonalFields.of(type);
        if (!fields.any()) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(row.payload());
            JsonNode subjectNode = tree instanceof ObjectNode object ? object.get(fields.subjectName()) : null;
            if (subjectNode == null || !subjectNode.isTextual()) {
                return null;
            }
            UUID subject = UUID.fromString(subjectNode.asText());
            boolean[] plain = {false};
            fields.transform(tree, text -> {
                if (SubjectKeys.isEncrypted(text)) {
                    return text;
                }
                plain[0] = true;
                return keys.encrypt(subject, text);
            });
            return plain[0] ? json.writeValueAsBytes(tree) : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Event " + row.globalIndex() + " cannot be read for encryption", e);
        }
    }

    private record Row(long globalIndex, String type, String revision, byte[] payload) {
    }
}
