package com.careslot.command.slot;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.CommandRejection;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.SlotBooked;
import com.careslot.command.Rejection;

/**
 * A patient's appointments as a set, decided in the transaction that appends the booking (a subscribing processor,
 * like {@link DoctorCalendar}): they never overlap (invariant 2, an exclusion constraint on
 * {@code command_side.patient_calendar}), and the booking policy holds — at least the minimum notice before the
 * start, at most the maximum advance, at most N active future appointments. The patient's account row is locked
 * first, so one patient's concurrent bookings are counted one after the other.
 */
@Component
@ProcessingGroup(PatientCalendar.PROCESSING_GROUP)
public class PatientCalendar {

    public static final String PROCESSING_GROUP = "patient-calendar";

    private final JdbcClient jdbc;
    private final BookingLimits policy;

    PatientCalendar(JdbcClient jdbc, BookingLimits policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    @EventHandler
    void on(SlotBooked event) {
        enter(event.appointmentId(), event.patientId(), event.slotId(), event.start(), event.end());
    }

    @EventHandler
    void on(BookingMovedIn event) {
        enter(event.appointmentId(), event.patientId(), event.slotId(), event.start(), event.end());
    }

    @EventHandler
    void on(BookingCancelled event) {
        leave(event.slotId());
    }

    @EventHandler
    void on(BookingMovedOut event) {
        leave(event.slotId());
    }

    private void enter(UUID appointmentId, UUID patientId, UUID slotId, Instant start, Instant end) {
        Instant now = jdbc.sql("select now()").query(OffsetDateTime.class).single().toInstant();
        if (Duration.between(now, start).compareTo(policy.minimumNotice()) < 0) {
            throw new BookingPolicyException("too-short-notice", "Appointments must be booked at least "
                    + policy.minimumNotice().toMinutes() + " minutes before they start.");
        }
        if (Duration.between(now, start).compareTo(policy.maximumAdvance()) > 0) {
            throw new BookingPolicyException("too-far-ahead", "Appointments can be booked at most "
                    + policy.maximumAdvance().toDays() + " days ahead.");
        }
        jdbc.sql("select 1 from command_side.account where account_id = ? for update").param(patientId)
                .query(Integer.class).optional();
        int active = jdbc.sql("""
                        select count(*) from command_side.patient_calendar
                        where patient_id = ? and upper(period) > now()""")
                .param(patientId).query(Integer.class).single();
        if (active >= policy.maximumActiveAppointments()) {
            throw new BookingPolicyException("too-many-appointments", "A patient may hold at most "
                    + policy.maximumActiveAppointments() + " upcoming appointments.");
        }
        boolean entered = jdbc.sql("""
                        insert into command_side.patient_calendar (appointment_id, patient_id, slot_id, period)
                        values (?, ?, ?, tstzrange(?, ?, '[)')) on conflict do nothing""")
                .params(appointmentId, patientId, slotId, utc(start), utc(end)).update() == 1;
        if (!entered) {
            Optional<UUID> conflicting = jdbc.sql("""
                            select slot_id from command_side.patient_calendar
                            where patient_id = ? and period && tstzrange(?, ?, '[)') and slot_id <> ?
                            order by lower(period) limit 1""")
                    .params(patientId, utc(start), utc(end), slotId).query(UUID.class).optional();
            throw new AppointmentsOverlapException(conflicting.orElse(null));
        }
    }

    private void leave(UUID slotId) {
        jdbc.sql("delete from command_side.patient_calendar where slot_id = ?").param(slotId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A valid booking the clinic's policy refuses: a 422 naming the rule. */
    static class BookingPolicyException extends Rejection {
        BookingPolicyException(String code, String message) {
            super(code, CommandRejection.Kind.REFUSED, null, message);
        }
    }

    /** The patient already has an appointment at that time: a 409 naming its slot. */
    static class AppointmentsOverlapException extends Rejection {
        private final UUID conflictingSlotId;

        AppointmentsOverlapException(UUID conflictingSlotId) {
            super("appointments-overlap", CommandRejection.Kind.CONFLICT, null,
                    "You already have an appointment at that time" + (conflictingSlotId == null ? "."
                            : " (slot " + conflictingSlotId + ")."));
            this.conflictingSlotId = conflictingSlotId;
        }

        @Override
        public java.util.Map<String, Object> properties() {
            return conflictingSlotId == null ? java.util.Map.of() : java.util.Map.of("conflictingSlotId",
                    conflictingSlotId);
        }
    }
}
