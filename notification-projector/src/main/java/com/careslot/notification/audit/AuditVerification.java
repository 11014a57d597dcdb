package com.careslot.notification.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.platform.position.ProjectionProgress;
import com.careslot.platform.web.InvalidInputException;

/**
 * Compares the audit trail with the event store over a range of global indexes: how many events of each type each
 * holds, an order-independent checksum over (global index, event id, aggregate, sequence number, type), and the first
 * index where the two differ. The range ends, unless asked otherwise, where the audit-trail processor has come to:
 * events it has not handled yet are not a divergence.
 */
@Component
class AuditVerification {

    static final String PROCESSOR = "audit-trail";

    /** A range larger than this is refused: one request must not scan the whole of a large store. */
    static final long MAX_RANGE = 5_000_000;

    private final JdbcClient jdbc;
    private final EventSchema store;
    private final ProjectionProgress progress;
    private final Configuration axon;

    AuditVerification(JdbcClient jdbc, EventSchema store, ProjectionProgress progress, Configuration axon) {
        this.jdbc = jdbc;
        this.store = store;
        this.progress = progress;
        this.axon = axon;
    }

    /** The comparison over {@code (after, upTo]}; either bound may be null (the start; the processor's position). */
    Report verify(Long after, Long upTo) {
        long head = jdbc.sql("select coalesce(max(%s), 0) from %s".formatted(store.globalIndexColumn(),
                store.domainEventTable())).query(Long.class).single();
        long from = after == null ? 0 : after;
        long to = upTo != null ? upTo : position().orElse(head);
        if (from < 0) {
            throw new InvalidInputException("after", "must be 0 or more");
        }
        if (to < from) {
            throw new InvalidInputException("upTo", "must not be below after (" + from + ")");
        }
        if (to - from > MAX_RANGE) {
            throw new InvalidInputException("upTo", "a range covers at most " + MAX_RANGE
                    + " global indexes; verify a large store in several ranges");
        }
        Side events = side("""
                select regexp_replace(%s, '^.*\\.', '') as type, count(*) as events,
                       coalesce(sum(hashtextextended(%s || ':' || %s || ':' || %s || ':' || %s || ':'
                                                     || regexp_replace(%s, '^.*\\.', ''), 0)), 0) as checksum
                  from %s where %s > ? and %s <= ? group by 1"""
                .formatted(store.payloadTypeColumn(), store.globalIndexColumn(), store.eventIdentifierColumn(),
                        store.aggregateIdentifierColumn(), store.sequenceNumberColumn(), store.payloadTypeColumn(),
                        store.domainEventTable(), store.globalIndexColumn(), store.globalIndexColumn()), from, to);
        Side trail = side("""
                select type, count(*) as events,
                       coalesce(sum(hashtextextended(global_index || ':' || event_id || ':' || aggregate_id || ':'
                                                     || sequence_number || ':' || type, 0)), 0) as checksum
                  from notification.audit_entry where global_index > ? and global_index <= ? group by 1""",
                from, to);
        Divergence first = events.checksum().equals(trail.checksum()) && events.events() == trail.events() ? null
                : firstDivergence(from, to);
        boolean agrees = first == null && events.byType().equals(trail.byType());
        return new Report(PROCESSOR, from, to, head, events, trail, agrees, first);
    }

    private Side side(String sql, long from, long to) {
        Map<String, Long> byType = new LinkedHashMap<>();
        java.math.BigInteger[] checksum = {java.math.BigInteger.ZERO};
        jdbc.sql(sql + " order by 1").params(from, to).query(row -> {
            byType.put(row.getString("type"), row.getLong("events"));
            checksum[0] = checksum[0].add(row.getBigDecimal("checksum").toBigInteger());
        });
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return new Side(total, byType, checksum[0].toString(16));
    }

    private Divergence firstDivergence(long from, long to) {
        List<Divergence> found = jdbc.sql("""
                        select coalesce(s.%s, t.global_index) as global_index,
                               s.%s as store_event, regexp_replace(s.%s, '^.*\\.', '') as store_type,
                               t.event_id as trail_event, t.type as trail_type
                          from (select * from %s where %s > ? and %s <= ?) s
                          full join (select * from notification.audit_entry where global_index > ? and global_index <= ?) t
                            on s.%s = t.global_index
                         where s.%s is distinct from t.event_id
                            or s.%s is distinct from t.aggregate_id
                            or s.%s is distinct from t.sequence_number
                            or regexp_replace(s.%s, '^.*\\.', '') is distinct from t.type
                         order by 1 limit 1"""
                        .formatted(store.globalIndexColumn(), store.eventIdentifierColumn(), store.payloadTypeColumn(),
                                store.domainEventTable(), store.globalIndexColumn(), store.globalIndexColumn(),
                                store.globalIndexColumn(), store.eventIdentifierColumn(),
                                store.aggregateIdentifierColumn(), store.sequenceNumberColumn(),
                                store.payloadTypeColumn()))
                .params(from, to, from, to)
                .query((row, n) -> new Divergence(row.getLong("global_index"),
                        row.getString("store_event") == null ? null
                                : new Entry(row.getString("store_event"), row.getString("store_type")),
                        row.getString("trail_event") == null ? null
                                : new Entry(row.getString("trail_event"), row.getString("trail_type"))))
                .list();
        return found.isEmpty() ? null : found.get(0);
    }

    private OptionalLong position() {
        return axon.eventProcessingConfiguration().eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .map(progress::position).orElse(OptionalLong.empty());
    }

    /** What one side holds in the range: its events, per type, and the checksum (hex). */
    record Side(long events, Map<String, Long> byType, String checksum) {
    }

    /** One event as one side records it at an index; null on a side that has nothing there. */
    record Entry(String eventId, String type) {
    }

    /** The lowest global index in the range where the trail does not hold exactly the store's event. */
    record Divergence(long globalIndex, Entry store, Entry trail) {
    }

    /** The whole comparison over {@code (after, upTo]}. */
    record Report(String name, long after, long upTo, long head, Side store, Side trail, boolean agrees,
                  Divergence firstDivergence) {
    }
}
