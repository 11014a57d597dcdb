package com.careslot.notification.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Audit")
class AuditController {

    private final JdbcClient jdbc;

    AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/audit/events")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "Events of the store in their global order, filtered by aggregate and event type")
    AuditPage events(@RequestParam(required = false) @Size(max = 255) String aggregateId,
                     @RequestParam(required = false) @Size(max = 255) String type,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (aggregateId != null) {
            where.append(" and aggregate_id = ?");
            params.add(aggregateId);
        }
        if (type != null) {
            where.append(" and type = ?");
            params.add(type);
        }
        long total = jdbc.sql("select count(*) from notification.audit_entry" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<AuditEntry> items = jdbc.sql("""
                        select global_index, aggregate_id, sequence_number, type, occurred_at, actor_id, actor_role,
                               correlation_id, payload::text as payload
                        from notification.audit_entry""" + where + " order by global_index limit ? offset ?")
                .params(pageParams).query(AuditController::entry).list();
        return new AuditPage(items, page, size, total);
    }

    private static AuditEntry entry(ResultSet row, int number) throws SQLException {
        String actorId = row.getString("actor_id");
        return new AuditEntry(row.getLong("global_index"), row.getString("aggregate_id"),
                (Long) row.getObject("sequence_number"), row.getString("type"),
                row.getTimestamp("occurred_at").toInstant(),
                actorId == null ? null : new AuditEntry.Actor(actorId, row.getString("actor_role")),
                row.getString("correlation_id"), row.getString("payload"));
    }
}
