package com.careslot.command.slot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.SlotMoved;
import com.careslot.api.slot.SlotOpened;
import com.careslot.api.slot.SlotRemoved;

/**
 * Invariant 2, first half: a doctor's open slots never overlap. {@code command_side.doctor_calendar} holds one row per
 * open slot under an exclusion constraint; this handler runs in a subscribing processor, so its insert shares the
 * transaction that appends {@link SlotOpened} and a refusal here rolls the append back with it.
 * <p>
 * The insert says {@code on conflict do nothing} instead of letting PostgreSQL raise 23P01: an error would abort
 * the transaction, and the colliding slot could no longer be read to name it. A concurrent insert of an overlapping
 * period waits for the other transaction and then, if that one committed, does nothing, so races are decided by the
 * constraint alone.
 * <p>
 * A removed slot leaves the table, and its period is free for another slot. A moved slot leaves its old period and
 * claims the new one the same way, in the transaction that appends {@link SlotMoved}: when the new period collides,
 * the refusal rolls back both, and the slot keeps its old period.
 */
@Component
@ProcessingGroup(DoctorCalendar.PROCESSING_GROUP)
public class DoctorCalendar {

    public static final String PROCESSING_GROUP = "doctor-calendar";
    private static final int ATTEMPTS = 3;

    private final JdbcClient jdbc;

    DoctorCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SlotOpened event) {
        place(event.slotId(), event.doctorId(), event.start(), event.end());
    }

    @EventHandler
    void on(SlotMoved event) {
        jdbc.sql("delete from command_side.doctor_calendar where slot_id = ?").param(event.slotId()).update();
        place(event.slotId(), event.doctorId(), event.start(), event.end());
    }

    @EventHandler
    void on(SlotRemoved event) {
        jdbc.sql("delete from command_side.doctor_calendar where slot_id = ?").param(event.slotId()).update();
    }

    private void place(UUID slotId, UUID doctorId, Instant start, Instant end) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (claim(slotId, doctorId, start, end)) {
                return;
            }
            Optional<UUID> conflicting = overlapping(doctorId, start, end, slotId);
            if (conflicting.isPresent()) {
                throw new SlotOverlapsException(start, end, conflicting.get());
            }
            if (holds(slotId)) {
                return; // this very slot is in the calendar already
            }
            // the colliding slot left the calendar in the meantime: try again
        }
        throw new IllegalStateException("Could not place slot " + slotId + " in its doctor's calendar");
    }

    private boolean claim(UUID slotId, UUID doctorId, Instant start, Instant end) {
        return jdbc.sql("""
                        insert into command_side.doctor_calendar (slot_id, doctor_id, period)
                        values (?, ?, tstzrange(?, ?, '[)'))
                        on conflict do nothing""")
                .params(slotId, doctorId, utc(start), utc(end))
                .update() == 1;
    }

    private Optional<UUID> overlapping(UUID doctorId, Instant start, Instant end, UUID except) {
        return jdbc.sql("""
                        select slot_id from command_side.doctor_calendar
                        where doctor_id = ? and period && tstzrange(?, ?, '[)') and slot_id <> ?
                        order by lower(period) limit 1""")
                .params(doctorId, utc(start), utc(end), except)
                .query(UUID.class).optional();
    }

    private boolean holds(UUID slotId) {
        return jdbc.sql("select exists (select 1 from command_side.doctor_calendar where slot_id = ?)")
                .param(slotId).query(Boolean.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
