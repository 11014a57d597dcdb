package com.careslot.query.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.position.ReadsFrom;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@ReadsFrom(AvailabilityProjection.GROUP)
@Tag(name = "Availability (reads)")
class AvailabilityQueryController {

    private final JdbcClient jdbc;

    AvailabilityQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/doctors/{doctorId}/availability")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "A doctor's recurring rules, newest first (that doctor, or an admin)",
            description = "endedAt is set once the rule was ended (it opens no more slots); openedThrough is the last "
                    + "local date its slots are open through.")
    RulePage rules(@PathVariable UUID doctorId) {
        return new RulePage(jdbc.sql("""
                        select rule_id, rrule, start_time, end_time, slot_minutes, gap_minutes, valid_from,
                               valid_until, zone, opened_through, ended_at
                        from query_side.availability_rule where doctor_id = ? order by defined_at desc, rule_id""")
                .param(doctorId)
                .query((row, n) -> new RuleView(row.getObject("rule_id", UUID.class), row.getString("rrule"),
                        row.getObject("start_time", LocalTime.class), row.getObject("end_time", LocalTime.class),
                        row.getInt("slot_minutes"), row.getInt("gap_minutes"),
                        row.getObject("valid_from", LocalDate.class), row.getObject("valid_until", LocalDate.class),
                        row.getString("zone"), row.getObject("opened_through", LocalDate.class),
                        row.getTimestamp("ended_at") == null ? null : row.getTimestamp("ended_at").toInstant()))
                .list());
    }

    record RuleView(UUID ruleId, String rrule, LocalTime startTime, LocalTime endTime, int slotMinutes,
                    int gapMinutes, LocalDate validFrom, LocalDate validUntil, String zone, LocalDate openedThrough,
                    Instant endedAt) {
    }

    record RulePage(List<RuleView> items) {
    }
}
