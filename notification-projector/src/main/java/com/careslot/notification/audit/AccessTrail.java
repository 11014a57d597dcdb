package com.careslot.notification.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HIPAA's access log, read from the audit trail: its {@code PatientDataAccessed} entries (docs/PRIVACY.md, "Access
 * log"). No table of its own: the trail already mirrors the event store, entry for entry, and V40 indexes these
 * entries by patient and by time.
 */
@Component
public class AccessTrail {

    private static final String ACCESSES = """
            select global_index, occurred_at, actor_id, actor_role, correlation_id, payload::text as payload
            from notification.audit_entry where type = 'PatientDataAccessed'""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final int countLimit;

    AccessTrail(JdbcClient jdbc, ObjectMapper json, @Value("${" + AuditTrail.COUNT_LIMIT + ":10000}") int countLimit) {
        this.jdbc = jdbc;
        this.json = json;
        this.countLimit = countLimit;
    }

    /** Accesses to {@code patientId} (every patient when null) in a {@code [from, to)} window, in global order. */
    AccessPage page(UUID patientId, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (patientId != null) {
            where.append(" and (payload -> 'patientIds') @> cast(? as jsonb)");
            parameters.add("[\"" + patientId + "\"]");
        }
        if (from != null) {
            where.append(" and occurred_at >= ?");
            parameters.add(utc(from));
        }
        if (to != null) {
            where.append(" and occurred_at < ?");
            parameters.add(utc(to));
        }
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(size);
        paged.add((long) page * size);
        List<AccessEntry> items = jdbc.sql(ACCESSES + where + " order by global_index limit ? offset ?")
                .params(paged).query(this::entry).list();
        long counted = jdbc.sql("select count(*) from (select 1 from notification.audit_entry"
                        + " where type = 'PatientDataAccessed'" + where + " limit " + (countLimit + 1L) + ") matching")
                .params(parameters).query(Long.class).single();
        return counted > countLimit ? new AccessPage(items, page, size, countLimit, false)
                : new AccessPage(items, page, size, counted, true);
    }

    /** Every access to one patient, in global order: the access log part of the patient's export. */
    public List<AccessEntry> of(UUID patientId) {
        return jdbc.sql(ACCESSES + " and (payload -> 'patientIds') @> cast(? as jsonb) order by global_index")
                .param("[\"" + patientId + "\"]").query(this::entry).list();
    }

    private AccessEntry entry(ResultSet row, int number) throws SQLException {
        JsonNode payload;
        try {
            payload = json.readTree(row.getString("payload"));
        } catch (JsonProcessingException e) {
            throw new SQLException("An access entry's payload is not JSON", e);
        }
        List<UUID> patients = new ArrayList<>();
        payload.path("patientIds").forEach(id -> patients.add(UUID.fromString(id.asText())));
        String actorId = row.getString("actor_id");
        return new AccessEntry(row.getLong("global_index"), row.getTimestamp("occurred_at").toInstant(),
                actorId == null ? null : new AuditEntry.Actor(actorId, row.getString("actor_role")), patients,
                text(payload.get("resource")), text(payload.get("path")), row.getString("correlation_id"));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
