package com.careslot.notification.audit;

import java.sql.Timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Copies every event of the store into the audit trail, at its global position, with who caused it and its
 * correlation id. Writing is idempotent on the position, so a replay reproduces the trail exactly.
 */
@Component
@ProcessingGroup("audit-trail")
class AuditTrailProjection {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditTrailProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) throws JsonProcessingException {
        long globalIndex = token.position().orElseThrow(
                () -> new IllegalStateException("Event " + event.getIdentifier() + " has no position"));
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        jdbc.sql("""
                        insert into notification.audit_entry (global_index, event_id, aggregate_id, aggregate_type,
                            sequence_number, type, occurred_at, actor_id, actor_role, correlation_id, meta_data, payload)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
                        on conflict (global_index) do nothing""")
                .params(globalIndex,
                        event.getIdentifier(),
                        domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                        domainEvent == null ? null : domainEvent.getType(),
                        domainEvent == null ? null : domainEvent.getSequenceNumber(),
                        event.getPayloadType().getSimpleName(),
                        Timestamp.from(event.getTimestamp()),
                        text(event.getMetaData().get(AuditEntry.ACTOR_ID)),
                        text(event.getMetaData().get(AuditEntry.ACTOR_ROLE)),
                        text(event.getMetaData().get(AuditEntry.CORRELATION_ID)),
                        json.writeValueAsString(event.getMetaData()),
                        json.writeValueAsString(payload))
                .update();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
