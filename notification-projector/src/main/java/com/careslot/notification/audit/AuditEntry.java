package com.careslot.notification.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One event of the store as auditors read it; {@code payload} is the event's own JSON. */
public record AuditEntry(long globalIndex, String aggregateId, Long sequenceNumber, String type, Instant timestamp,
                  Actor actor, String correlationId, @JsonRawValue String payload) {

    static final String ACTOR_ID = "actorId";
    static final String ACTOR_ROLE = "actorRole";
    static final String CORRELATION_ID = "correlationId";

    public record Actor(String accountId, String role) {
    }
}
