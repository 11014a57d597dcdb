package com.careslot.notification.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which entries of the trail a reader asks for; every part is optional. {@code from} is inclusive and {@code to}
 * exclusive, both compared with the event's timestamp.
 */
record AuditFilter(UUID aggregateId, String type, String actor, Instant from, Instant to) {

    /** The SQL condition, starting with {@code where}, for {@link #parameters()}. */
    String where() {
        StringBuilder where = new StringBuilder(" where true");
        if (aggregateId != null) {
            where.append(" and aggregate_id = ?");
        }
        if (type != null) {
            where.append(" and type = ?");
        }
        if (actor != null) {
            where.append(" and actor_id = ?");
        }
        if (from != null) {
            where.append(" and occurred_at >= ?");
        }
        if (to != null) {
            where.append(" and occurred_at < ?");
        }
        return where.toString();
    }

    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        if (aggregateId != null) {
            parameters.add(aggregateId.toString());
        }
        if (type != null) {
            parameters.add(type);
        }
        if (actor != null) {
            parameters.add(actor);
        }
        if (from != null) {
            parameters.add(utc(from));
        }
        if (to != null) {
            parameters.add(utc(to));
        }
        return parameters;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
