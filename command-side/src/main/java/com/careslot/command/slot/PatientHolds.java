package com.careslot.command.slot;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldReleased;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.command.slot.PatientCalendar.BookingPolicyException;

/**
 * A patient's holds as a set, decided in the transaction that appends the hold (a subscribing processor, like
 * {@link PatientCalendar} for bookings): a hold obeys the booking window (the minimum notice and the maximum advance),
 * and a patient holds at most {@code careslot.booking.maximum-active-holds} slots at once. The patient's account row
 * is locked first, so one patient's concurrent holds, on any node, are counted one after the other.
 */
@Component
@ProcessingGroup(PatientHolds.PROCESSING_GROUP)
public class PatientHolds {

    public static final String PROCESSING_GROUP = "patient-holds";

    private final JdbcClient jdbc;
    private final BookingLimits limits;

    PatientHolds(JdbcClient jdbc, BookingLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    @EventHandler
    void on(SlotHeld event) {
        Instant now = jdbc.sql("select now()").query(OffsetDateTime.class).single().toInstant();
        if (Duration.between(now, event.start()).compareTo(limits.minimumNotice()) < 0) {
            throw new BookingPolicyException("too-short-notice", "Slots can be held at least "
                    + limits.minimumNotice().toMinutes() + " minutes before they start.");
        }
        if (Duration.between(now, event.start()).compareTo(limits.maximumAdvance()) > 0) {
            throw new BookingPolicyException("too-far-ahead", "Slots can be held at most "
                    + limits.maximumAdvance().toDays() + " days ahead.");
        }
        jdbc.sql("select 1 from command_side.account where account_id = ? for update").param(event.patientId())
                .query(Integer.class).optional();
        int holding = jdbc.sql("""
                        select count(*) from command_side.patient_hold
                        where patient_id = ? and expires_at > now() and slot_id <> ?""")
                .params(event.patientId(), event.slotId()).query(Integer.class).single();
        if (holding >= limits.maximumActiveHolds()) {
            throw new BookingPolicyException("too-many-holds", "A patient may hold at most "
                    + limits.maximumActiveHolds() + (limits.maximumActiveHolds() == 1 ? " slot" : " slots")
                    + " at once: book or let go of the one you hold first.");
        }
        jdbc.sql("""
                        insert into command_side.patient_hold (slot_id, hold_id, patient_id, expires_at)
                        values (?, ?, ?, ?)
                        on conflict (slot_id) do update
                        set hold_id = excluded.hold_id, patient_id = excluded.patient_id,
                            expires_at = excluded.expires_at""")
                .params(event.slotId(), event.holdId(), event.patientId(), utc(event.expiresAt())).update();
    }

    @EventHandler
    void on(HoldExpired event) {
        leave(event.slotId());
    }

    @EventHandler
    void on(HoldReleased event) {
        leave(event.slotId());
    }

    @EventHandler
    void on(SlotBooked event) {
        leave(event.slotId());
    }

    @EventHandler
    void on(BookingMovedIn event) {
        leave(event.slotId());
    }

    private void leave(UUID slotId) {
        jdbc.sql("delete from command_side.patient_hold where slot_id = ?").param(slotId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
