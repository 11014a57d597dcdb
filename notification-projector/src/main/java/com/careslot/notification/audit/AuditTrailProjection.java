package com.careslot.notification.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Copies every event of the store into the audit trail, at the event's own global index, with who caused it and its
 * correlation id.
 * <p>
 * The index is read from the store by the event's identifier, never from the tracking token: a token's position is
 * the highest index its processor has seen, so an event that fills a gap (a transaction that committed after a later
 * one) carries the position of another event. Taking the token's position put such events at another event's index,
 * where {@code on conflict (global_index) do nothing} dropped one of the two without a word (issue 16). A row is now
 * keyed by the event's identifier: a conflict on it is a redelivery of the same event, and is skipped; any other
 * conflict, or an event the store does not hold, fails the segment loudly (the processor retries it and readiness
 * shows it).
 * <p>
 * The payload is copied from the event store's row, as stored: personal data encrypted with its subject's key
 * (docs/PRIVACY.md), so erasing the key erases it here too, and the trail agrees with the store byte for byte.
 * {@link AuditTrail} decrypts for reading.
 * <p>
 * The rows of a processor's batch are written together, in one JDBC batch just before its transaction commits (Axon's
 * prepare-commit of the batch's unit of work), and the payload is never deserialized here: the store's row is copied.
 * A row that fails fails the whole batch, which is rolled back and retried as before.
 */
@Component
@ProcessingGroup("audit-trail")
class AuditTrailProjection {

    private static final String PENDING = AuditTrailProjection.class.getName() + ".pending";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final ObjectMapper json;
    private final String insert;

    AuditTrailProjection(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json, EventSchema store) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
        this.insert = """
                insert into notification.audit_entry (global_index, event_id, aggregate_id, aggregate_type,
                    sequence_number, type, occurred_at, actor_id, actor_role, correlation_id, meta_data, payload)
                select e.%s, e.%s, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), convert_from(e.%s, 'UTF8')::jsonb
                from %s e where e.%s = ?
                on conflict (event_id) do nothing"""
                .formatted(store.globalIndexColumn(), store.eventIdentifierColumn(), store.payloadColumn(),
                        store.domainEventTable(), store.eventIdentifierColumn());
    }

    @EventHandler
    void on(EventMessage<?> event) throws JsonProcessingException {
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        pending().add(new Object[] {
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getType(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(),
                event.getPayloadType().getSimpleName(),
                Timestamp.from(event.getTimestamp()),
                text(event.getMetaData().get(AuditEntry.ACTOR_ID)),
                text(event.getMetaData().get(AuditEntry.ACTOR_ROLE)),
                text(event.getMetaData().get(AuditEntry.CORRELATION_ID)),
                json.writeValueAsString(event.getMetaData()),
                event.getIdentifier()});
    }

    /** The rows of the current batch, written when it is about to commit. */
    private List<Object[]> pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Object[]> rows = new ArrayList<>();
            batch.onPrepareCommit(committing -> write(rows));
            return rows;
        });
    }

    private void write(List<Object[]> rows) {
        int[] written = batches.batchUpdate(insert, rows);
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            String eventId = (String) row[row.length - 1];
            if (written[i] == 0 && !recorded(eventId)) {
                throw new IllegalStateException("Event " + eventId + " (" + row[3] + ") is not in the event store; "
                        + "the audit trail records only stored events");
            }
        }
    }

    private boolean recorded(String eventId) {
        return jdbc.sql("select count(*) from notification.audit_entry where event_id = ?").param(eventId)
                .query(Long.class).single() > 0;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
