package com.careslot.notification.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.platform.web.InvalidInputException;
import com.careslot.platform.privacy.SubjectKeys;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the audit trail ({@code notification.audit_entry}) as pages, as one slot's history, or as a stream. */
@Component
public class AuditTrail {

    /** How far a page's total is counted, and how deep the trail may be paged (docs/AUDIT.md). */
    static final String COUNT_LIMIT = "careslot.queries.count-limit";

    /** Rows the export's cursor fetches per round trip; the export never holds more than this in memory. */
    static final int EXPORT_FETCH_SIZE = 500;

    private static final String COLUMNS = """
            select global_index, aggregate_id, sequence_number, type, occurred_at, actor_id, actor_role,
                   correlation_id, payload::text as payload
            from notification.audit_entry""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final int countLimit;
    private final SubjectKeys keys;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, ObjectMapper json,
               @Value("${" + COUNT_LIMIT + ":10000}") int countLimit, SubjectKeys keys) {
        this.keys = keys;
        if (countLimit < 1) {
            throw new IllegalArgumentException(COUNT_LIMIT + " must be at least 1, not " + countLimit);
        }
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.countLimit = countLimit;
    }

    /** The entries matching {@code filter} in the order they were stored (global index). */
    AuditPage page(AuditFilter filter, int page, int size) {
        String where = filter.where();
        List<Object> parameters = new ArrayList<>(filter.parameters());
        parameters.add(size);
        parameters.add((long) page * size);
        List<AuditEntry> items = jdbc.sql(COLUMNS + where + " order by global_index limit ? offset ?")
                .params(parameters).query((row, number) -> entry(row)).list();
        long counted = jdbc.sql(counting(where)).params(filter.parameters()).query(Long.class).single();
        return page(items, page, size, counted);
    }

    /** A slot's own event stream in sequence order; no items when the trail knows no such slot. */
    AuditPage slotHistory(UUID slotId, int page, int size) {
        String where = " where aggregate_id = ? and aggregate_type = 'Slot'";
        List<AuditEntry> items = jdbc.sql(COLUMNS + where + " order by sequence_number limit ? offset ?")
                .params(slotId.toString(), size, (long) page * size).query((row, number) -> entry(row)).list();
        long counted = jdbc.sql(counting(where)).param(slotId.toString()).query(Long.class).single();
        return page(items, page, size, counted);
    }

    /**
     * Every entry whose event names the patient ({@code patientId} in its payload: the patient's registration, slot
     * and payment events), in global order: what the patient's export lists (index {@code audit_entry_patient}).
     */
    public List<AuditEntry> about(UUID patientId) {
        return jdbc.sql(COLUMNS + " where payload ->> 'patientId' = ? order by global_index")
                .param(patientId.toString()).query((row, number) -> entry(row)).list();
    }

    /**
     * A page that starts at or past the count limit is refused (400 naming {@code page}): an offset into millions of
     * entries is a slow scan; narrowing the filters (a time window) or the export reaches any entry.
     */
    void requireWithinLimit(int page, int size) {
        if ((long) page * size >= countLimit) {
            throw new InvalidInputException("page", "must start before the " + countLimit + "th entry (page × size < "
                    + countLimit + "); narrow the filters or use the export instead");
        }
    }

    /** Counts the matching entries, but never more than one past the limit: a count of a whole trail takes seconds. */
    private String counting(String where) {
        return "select count(*) from (select 1 from notification.audit_entry" + where + " limit " + (countLimit + 1L)
                + ") matching";
    }

    private AuditPage page(List<AuditEntry> items, int page, int size, long counted) {
        return counted > countLimit ? new AuditPage(items, page, size, countLimit, false)
                : new AuditPage(items, page, size, counted, true);
    }

    /**
     * Writes every entry matching {@code filter} to {@code out} as NDJSON (one entry per line) in global order.
     * The rows come through a server-side cursor ({@link #EXPORT_FETCH_SIZE} at a time, which PostgreSQL's driver
     * does only outside autocommit), so memory stays the same however long the trail is.
     */
    void export(AuditFilter filter, OutputStream out) throws IOException {
        OutputStream lines = new BufferedOutputStream(out, 64 * 1024);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement query = connection.prepareStatement(
                    COLUMNS + filter.where() + " order by global_index")) {
                query.setFetchSize(EXPORT_FETCH_SIZE);
                List<Object> parameters = filter.parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    query.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.write(json.writeValueAsBytes(entry(rows)));
                        lines.write('\n');
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("The audit export failed while reading the trail", e);
        }
        lines.flush();
    }

    private AuditEntry entry(ResultSet row) throws SQLException {
        String actorId = row.getString("actor_id");
        return new AuditEntry(row.getLong("global_index"), row.getString("aggregate_id"),
                (Long) row.getObject("sequence_number"), row.getString("type"),
                row.getTimestamp("occurred_at").toInstant(),
                actorId == null ? null : new AuditEntry.Actor(actorId, row.getString("actor_role")),
                row.getString("correlation_id"), keys.reveal(row.getString("payload")));
    }
}
