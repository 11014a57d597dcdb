package com.careslot.command.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.availability.AvailabilityDefined;
import com.careslot.api.availability.AvailabilityEnded;
import com.careslot.api.availability.AvailabilityExtended;

/**
 * {@code command_side.availability_rule}: every rule and how far its slots are open, written by a subscribing
 * processor in the transaction that appends the rule's events, so the table and the event store never disagree.
 */
@Component
@ProcessingGroup(AvailabilityRules.PROCESSING_GROUP)
public class AvailabilityRules {

    public static final String PROCESSING_GROUP = "availability-rules";

    private final JdbcClient jdbc;

    AvailabilityRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A recorded rule; {@code openedThrough} is null until its first slots are open. */
    record Stored(AvailabilityDefined rule, LocalDate openedThrough) {

        /** Checked again: a time zone the JDK no longer knows, say, fails this rule and no other. */
        Recurrence recurrence() {
            return Recurrence.of(rule.rrule(), rule.startTime(), rule.endTime(), rule.slotMinutes(),
                    rule.gapMinutes(), rule.validFrom(), rule.validUntil(), rule.zone());
        }
    }

    @EventHandler
    void on(AvailabilityDefined event) {
        jdbc.sql("""
                        insert into command_side.availability_rule (rule_id, doctor_id, rrule, start_time, end_time,
                            slot_minutes, gap_minutes, valid_from, valid_until, zone)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (rule_id) do nothing""")
                .params(event.ruleId(), event.doctorId(), event.rrule(), event.startTime(), event.endTime(),
                        event.slotMinutes(), event.gapMinutes(), event.validFrom(), event.validUntil(), event.zone())
                .update();
    }

    @EventHandler
    void on(AvailabilityExtended event) {
        jdbc.sql("""
                        update command_side.availability_rule
                        set opened_through = greatest(opened_through, ?) where rule_id = ?""")
                .params(event.through(), event.ruleId())
                .update();
    }

    @EventHandler
    void on(AvailabilityEnded event) {
        jdbc.sql("update command_side.availability_rule set ended_at = ? where rule_id = ?")
                .params(java.sql.Timestamp.from(event.endedAt()), event.ruleId())
                .update();
    }

    /** The rule, ended or not. */
    java.util.Optional<Stored> find(UUID ruleId) {
        return jdbc.sql("select * from command_side.availability_rule where rule_id = ?").param(ruleId)
                .query(AvailabilityRules::row).optional();
    }

    /** Rules whose slots are not yet open through their last date, oldest first. */
    List<Stored> unfinished() {
        return jdbc.sql("""
                        select * from command_side.availability_rule
                        where ended_at is null
                          and (valid_until is null or opened_through is null or opened_through < valid_until)
                        order by valid_from, rule_id""")
                .query(AvailabilityRules::row).list();
    }

    private static Stored row(ResultSet row, int number) throws SQLException {
        AvailabilityDefined rule = new AvailabilityDefined(row.getObject("rule_id", UUID.class),
                row.getObject("doctor_id", UUID.class), row.getString("rrule"),
                row.getObject("start_time", LocalTime.class), row.getObject("end_time", LocalTime.class),
                row.getInt("slot_minutes"), row.getInt("gap_minutes"), row.getObject("valid_from", LocalDate.class),
                row.getObject("valid_until", LocalDate.class), row.getString("zone"));
        return new Stored(rule, row.getObject("opened_through", LocalDate.class));
    }
}
