package com.careslot.query.availability;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.availability.AvailabilityDefined;
import com.careslot.api.availability.AvailabilityEnded;
import com.careslot.api.availability.AvailabilityExtended;

/** One row per recurring rule, for the doctor's list of rules; a processing group of its own, built from history. */
@Component
@ProcessingGroup(AvailabilityProjection.GROUP)
class AvailabilityProjection {

    static final String GROUP = "availability-view";

    private final JdbcClient jdbc;

    AvailabilityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AvailabilityDefined event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        insert into query_side.availability_rule (rule_id, doctor_id, rrule, start_time, end_time,
                            slot_minutes, gap_minutes, valid_from, valid_until, zone, defined_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (rule_id) do nothing""")
                .params(event.ruleId(), event.doctorId(), event.rrule(), event.startTime(), event.endTime(),
                        event.slotMinutes(), event.gapMinutes(), event.validFrom(), event.validUntil(), event.zone(),
                        java.sql.Timestamp.from(at))
                .update();
    }

    @EventHandler
    void on(AvailabilityExtended event) {
        jdbc.sql("""
                        update query_side.availability_rule
                        set opened_through = greatest(opened_through, ?) where rule_id = ?""")
                .params(event.through(), event.ruleId())
                .update();
    }

    @EventHandler
    void on(AvailabilityEnded event) {
        jdbc.sql("update query_side.availability_rule set ended_at = ? where rule_id = ?")
                .params(java.sql.Timestamp.from(event.endedAt()), event.ruleId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from query_side.availability_rule").update();
    }
}
