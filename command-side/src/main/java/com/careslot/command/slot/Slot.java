package com.careslot.command.slot;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.CommandRejection;
import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BlockSlot;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.CancelBooking;
import com.careslot.api.slot.CheckInPatient;
import com.careslot.api.slot.CompleteAppointment;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldReleased;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.MarkNoShow;
import com.careslot.api.slot.MoveFreeSlot;
import com.careslot.api.slot.OpenSlot;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.ReleaseHold;
import com.careslot.api.slot.RemoveSlot;
import com.careslot.api.slot.SlotBlocked;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotMoved;
import com.careslot.api.slot.SlotOpened;
import com.careslot.api.slot.SlotRemoved;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotUnblocked;
import com.careslot.api.slot.UnblockSlot;

/**
 * A doctor's bookable interval {@code [start, end)}, one event stream per slot. At most one booking is active at a
 * time: two commands deciding on the same state both try to append the same next sequence number, the event store
 * accepts one, and the other is retried against the new state and refused.
 * <p>
 * Slot states: FREE ⇄ BLOCKED, FREE → BOOKED → FREE (cancelled), FREE/BLOCKED → REMOVED, FREE → HELD → BOOKED
 * (the holder books) or FREE (released, or expired at the hold's deadline). While BOOKED, the appointment moves
 * booked → checked-in → fulfilled, or booked → noshow.
 * <p>
 * A hold schedules its expiry with the {@link DeadlineManager} (db-scheduler, durable) and cancels it when it is
 * booked or released; a command that arrives after the expiry but before the deadline fired expires the hold first. A deadline that fires anyway (it raced a booking, or a later hold has replaced its own) finds
 * that its hold is no longer the current one and does nothing.
 */
@Aggregate(lockFactory = SlotLocks.BEAN)
public class Slot {

    static final Duration LONGEST = Duration.ofHours(8);
    static final int LONGEST_REASON = 500;

    @AggregateIdentifier
    private UUID slotId;
    private UUID doctorId;
    private Instant start;
    private Instant end;
    private SlotStatus status;
    private UUID appointmentId;
    private UUID patientId;
    private AppointmentStatus appointment;
    private UUID holdId;
    private Instant holdExpiresAt;
    private String holdExpiryScheduleId;

    protected Slot() {
        // for event sourcing
    }

    @CommandHandler
    public Slot(OpenSlot command) {
        require(command.doctorId() != null, "doctorId", "is required");
        requireInterval(command.start(), command.end(), command.requestedAt());
        apply(new SlotOpened(command.slotId(), command.doctorId(), command.start(), command.end()));
    }

    /**
     * Moves a free slot in time or changes its length; the doctor's calendar checks the new interval against the
     * doctor's other slots in the same transaction ({@link DoctorCalendar}). Moving it to where it is changes nothing.
     */
    @CommandHandler
    public SlotMoved handle(MoveFreeSlot command) {
        requireInterval(command.start(), command.end(), command.requestedAt());
        requireManager(command.requestedBy());
        if (status != SlotStatus.FREE) {
            throw new SlotStateException("slot-not-free", slotId, status, "moved");
        }
        SlotMoved moved = new SlotMoved(slotId, doctorId, command.start(), command.end(), start, end);
        if (!command.start().equals(start) || !command.end().equals(end)) {
            apply(moved);
        }
        return moved;
    }

    @CommandHandler
    public void handle(BookSlot command, DeadlineManager deadlineManager) {
        require(command.patientId() != null, "patientId", "is required");
        require(command.appointmentId() != null, "appointmentId", "is required");
        expireLapsedHold(command.requestedAt(), deadlineManager);
        boolean confirmsHold = isHeldBy(command.patientId());
        if (confirmsHold) {
            require(command.holdId() == null || command.holdId().equals(holdId), "holdId",
                    "is not your hold on this slot");
        } else if (status != SlotStatus.FREE) {
            throw new SlotNotFreeException(slotId, status);
        }
        String holdExpiry = holdExpiryScheduleId;
        apply(new SlotBooked(slotId, doctorId, command.appointmentId(), command.patientId(), start, end));
        if (confirmsHold) {
            cancelHoldExpiry(deadlineManager, holdExpiry);
        }
    }

    @CommandHandler
    public SlotHeld handle(HoldSlot command, BookingPolicy policy, DeadlineManager deadlineManager) {
        require(command.patientId() != null, "patientId", "is required");
        require(command.holdId() != null, "holdId", "is required");
        require(command.requestedAt() != null, "requestedAt", "is required");
        expireLapsedHold(command.requestedAt(), deadlineManager);
        if (isHeldBy(command.patientId())) {
            return new SlotHeld(slotId, doctorId, holdId, patientId, start, end, holdExpiresAt, holdExpiryScheduleId);
        }
        if (status != SlotStatus.FREE) {
            throw new SlotNotFreeException(slotId, status);
        }
        Instant expiresAt = command.requestedAt().plus(policy.holdDuration());
        String expiry = deadlineManager.schedule(expiresAt, HoldExpiry.DEADLINE, new HoldExpiry(command.holdId()));
        SlotHeld held = new SlotHeld(slotId, doctorId, command.holdId(), command.patientId(), start, end, expiresAt,
                expiry);
        apply(held);
        return held;
    }

    @CommandHandler
    public void handle(ReleaseHold command, DeadlineManager deadlineManager) {
        require(command.patientId() != null, "patientId", "is required");
        if (status != SlotStatus.HELD) {
            throw new NoActiveHoldException(slotId);
        }
        if (!isHeldBy(command.patientId())) {
            throw new NotYourHoldException(slotId);
        }
        String holdExpiry = holdExpiryScheduleId;
        apply(new HoldReleased(slotId, holdId, patientId));
        cancelHoldExpiry(deadlineManager, holdExpiry);
    }

    @DeadlineHandler(deadlineName = HoldExpiry.DEADLINE)
    void on(HoldExpiry expiry) {
        if (status == SlotStatus.HELD && expiry.holdId().equals(holdId)) {
            apply(new HoldExpired(slotId, holdId, patientId));
        }
    }

    @CommandHandler
    public BookingCancelled handle(CancelBooking command, BookingPolicy policy) {
        requireReason(command.reason());
        require(command.requestedAt() != null, "requestedAt", "is required");
        if (status != SlotStatus.BOOKED || appointment != AppointmentStatus.BOOKED) {
            throw new NoActiveBookingException(slotId);
        }
        Actor actor = command.requestedBy();
        if (!isBookingsPatient(actor) && !managesSlot(actor) && !isFrontDesk(actor)) {
            throw new NotYourBookingException(slotId);
        }
        if (actor.is(Role.PATIENT)) {
            require(!command.unavailable(), "unavailable", "is for the doctor to say");
            if (command.requestedAt().isAfter(start.minus(policy.patientCancelCutoff()))) {
                throw new TooLateToCancelException(slotId, policy.patientCancelCutoff());
            }
        }
        if (actor.is(Role.RECEPTIONIST)) {
            require(!command.unavailable(), "unavailable", "is for the doctor or an admin to say");
        }
        if (actor.is(Role.DOCTOR)) {
            require(command.reason() != null && !command.reason().isBlank(), "reason",
                    "is required when a doctor cancels");
        }
        BookingCancelled cancelled =
                new BookingCancelled(slotId, doctorId, appointmentId, patientId, start, end, command.reason());
        apply(cancelled);
        if (command.unavailable()) {
            apply(new SlotBlocked(slotId, doctorId, start, end, command.reason()));
        }
        return cancelled;
    }

    @CommandHandler
    public void handle(BlockSlot command) {
        requireReason(command.reason());
        requireManager(command.requestedBy());
        if (status != SlotStatus.FREE) {
            throw new SlotStateException("slot-not-free", slotId, status, "blocked");
        }
        apply(new SlotBlocked(slotId, doctorId, start, end, command.reason()));
    }

    @CommandHandler
    public void handle(UnblockSlot command) {
        requireManager(command.requestedBy());
        if (status != SlotStatus.BLOCKED) {
            throw new SlotStateException("slot-not-blocked", slotId, status, "unblocked");
        }
        apply(new SlotUnblocked(slotId, doctorId, start, end));
    }

    @CommandHandler
    public void handle(RemoveSlot command) {
        requireManager(command.requestedBy());
        if (status != SlotStatus.FREE && status != SlotStatus.BLOCKED) {
            throw new SlotStateException("slot-not-removable", slotId, status, "removed");
        }
        apply(new SlotRemoved(slotId, doctorId, start, end));
    }

    @CommandHandler
    public AppointmentStatus handle(CheckInPatient command, BookingPolicy policy) {
        requireAttendance(command.requestedBy(), command.requestedAt(), start.minus(policy.checkInOpens()),
                AppointmentStatus.BOOKED);
        apply(new PatientCheckedIn(slotId, doctorId, appointmentId, patientId, start, end));
        return AppointmentStatus.CHECKED_IN;
    }

    @CommandHandler
    public AppointmentStatus handle(CompleteAppointment command) {
        requireAttendance(command.requestedBy(), command.requestedAt(), start, AppointmentStatus.BOOKED,
                AppointmentStatus.CHECKED_IN);
        apply(new AppointmentFulfilled(slotId, doctorId, appointmentId, patientId, start, end));
        return AppointmentStatus.FULFILLED;
    }

    @CommandHandler
    public AppointmentStatus handle(MarkNoShow command) {
        requireAttendance(command.requestedBy(), command.requestedAt(), start, AppointmentStatus.BOOKED);
        apply(new PatientNoShow(slotId, doctorId, appointmentId, patientId, start, end));
        return AppointmentStatus.NOSHOW;
    }

    /**
     * Reschedule, first half: hands the active booking over to {@code toSlotId}. Called by {@link Rescheduling}
     * in the same unit of work as {@link #moveIn}, so both halves commit together or not at all.
     */
    Booking moveOut(UUID toSlotId, Actor actor, Instant requestedAt, BookingPolicy policy) {
        if (status != SlotStatus.BOOKED || appointment != AppointmentStatus.BOOKED) {
            throw new NoActiveBookingException(slotId);
        }
        if (!isBookingsPatient(actor) && !isFrontDesk(actor)) {
            throw new NotYourBookingException(slotId);
        }
        if (actor.is(Role.PATIENT) && requestedAt.isAfter(start.minus(policy.patientCancelCutoff()))) {
            throw new TooLateToCancelException(slotId, policy.patientCancelCutoff());
        }
        Booking booking = new Booking(appointmentId, patientId);
        apply(new BookingMovedOut(slotId, doctorId, appointmentId, patientId, start, end, toSlotId));
        return booking;
    }

    /** Reschedule, second half: takes over the booking that left {@code fromSlotId}. */
    BookingMovedIn moveIn(Booking booking, UUID fromSlotId, Instant requestedAt) {
        expireLapsedHold(requestedAt, null);
        if (status != SlotStatus.FREE) {
            throw new SlotNotFreeException(slotId, status);
        }
        require(start.isAfter(requestedAt), "toSlotId", "must start in the future");
        BookingMovedIn movedIn = new BookingMovedIn(slotId, doctorId, booking.appointmentId(), booking.patientId(),
                start, end, fromSlotId);
        apply(movedIn);
        return movedIn;
    }

    @EventSourcingHandler
    void on(SlotOpened event) {
        slotId = event.slotId();
        doctorId = event.doctorId();
        start = event.start();
        end = event.end();
        status = SlotStatus.FREE;
    }

    @EventSourcingHandler
    void on(SlotMoved event) {
        start = event.start();
        end = event.end();
    }

    @EventSourcingHandler
    void on(SlotHeld event) {
        status = SlotStatus.HELD;
        holdId = event.holdId();
        holdExpiresAt = event.expiresAt();
        holdExpiryScheduleId = event.expiryScheduleId();
        patientId = event.patientId();
    }

    @EventSourcingHandler
    void on(HoldExpired event) {
        status = SlotStatus.FREE;
        holdId = null;
        holdExpiresAt = null;
        holdExpiryScheduleId = null;
        patientId = null;
    }

    @EventSourcingHandler
    void on(HoldReleased event) {
        status = SlotStatus.FREE;
        holdId = null;
        holdExpiresAt = null;
        holdExpiryScheduleId = null;
        patientId = null;
    }

    @EventSourcingHandler
    void on(SlotBooked event) {
        status = SlotStatus.BOOKED;
        appointmentId = event.appointmentId();
        patientId = event.patientId();
        appointment = AppointmentStatus.BOOKED;
    }

    @EventSourcingHandler
    void on(BookingCancelled event) {
        status = SlotStatus.FREE;
        appointmentId = null;
        patientId = null;
        appointment = null;
    }

    @EventSourcingHandler
    void on(BookingMovedOut event) {
        status = SlotStatus.FREE;
        appointmentId = null;
        patientId = null;
        appointment = null;
    }

    @EventSourcingHandler
    void on(BookingMovedIn event) {
        status = SlotStatus.BOOKED;
        appointmentId = event.appointmentId();
        patientId = event.patientId();
        appointment = AppointmentStatus.BOOKED;
    }

    @EventSourcingHandler
    void on(SlotBlocked event) {
        status = SlotStatus.BLOCKED;
    }

    @EventSourcingHandler
    void on(SlotUnblocked event) {
        status = SlotStatus.FREE;
    }

    @EventSourcingHandler
    void on(SlotRemoved event) {
        status = SlotStatus.REMOVED;
    }

    @EventSourcingHandler
    void on(PatientCheckedIn event) {
        appointment = AppointmentStatus.CHECKED_IN;
    }

    @EventSourcingHandler
    void on(AppointmentFulfilled event) {
        appointment = AppointmentStatus.FULFILLED;
    }

    @EventSourcingHandler
    void on(PatientNoShow event) {
        appointment = AppointmentStatus.NOSHOW;
    }

    /** The slot as its events have made it, for auditors reading its state at an earlier instant. */
    SlotStateView state() {
        return new SlotStateView(slotId, doctorId, start, end, status, appointmentId, patientId,
                appointment == null ? null : appointment.code(), status == SlotStatus.HELD ? holdId : null,
                status == SlotStatus.HELD ? holdExpiresAt : null);
    }

    /** Whether this very hold still keeps the slot (a paid hold whose payment failed lets go only of itself). */
    public boolean isHeldUnder(UUID hold) {
        return status == SlotStatus.HELD && hold != null && hold.equals(holdId);
    }

    /** The appointment a reschedule carries from one slot to the other. */
    record Booking(UUID appointmentId, UUID patientId) {
    }

    /**
     * A hold whose expiry has passed ends now, before the command is decided, whether or not its deadline has fired
     * yet (db-scheduler fires it a poll interval late at best, later under load): it is never confirmed nor answered
     * as valid. Its deadline is cancelled when a deadline manager is at hand; otherwise it fires, finds no hold of its
     * own and does nothing.
     */
    private void expireLapsedHold(Instant requestedAt, DeadlineManager deadlineManager) {
        if (status == SlotStatus.HELD && requestedAt != null && !requestedAt.isBefore(holdExpiresAt)) {
            String expiry = holdExpiryScheduleId;
            apply(new HoldExpired(slotId, holdId, patientId));
            if (deadlineManager != null) {
                cancelHoldExpiry(deadlineManager, expiry);
            }
        }
    }

    /**
     * Cancels the hold's expiry by its schedule id: one row deleted by its key. (Cancelling "every deadline of this
     * slot" would make db-scheduler read and deserialise every pending deadline of every slot.) A hold stored before
     * the id was recorded has none; its deadline fires, finds the hold gone, and does nothing.
     */
    private static void cancelHoldExpiry(DeadlineManager deadlineManager, String scheduleId) {
        if (scheduleId != null) {
            deadlineManager.cancelSchedule(HoldExpiry.DEADLINE, scheduleId);
        }
    }

    private boolean isHeldBy(UUID patient) {
        return status == SlotStatus.HELD && patient != null && patient.equals(patientId);
    }

    private boolean isBookingsPatient(Actor actor) {
        return actor != null && actor.is(Role.PATIENT) && actor.isAccount(patientId);
    }

    /** Who books, moves and cancels for patients: a receptionist or an admin. */
    private boolean isFrontDesk(Actor actor) {
        return actor != null && (actor.is(Role.ADMIN) || actor.is(Role.RECEPTIONIST));
    }

    /** The slot's own doctor, or an admin. */
    private boolean managesSlot(Actor actor) {
        return actor != null && (actor.is(Role.ADMIN) || actor.is(Role.DOCTOR) && actor.isAccount(doctorId));
    }

    private void requireManager(Actor actor) {
        if (!managesSlot(actor)) {
            throw new NotYourSlotException(slotId);
        }
    }

    private void requireAttendance(Actor actor, Instant requestedAt, Instant opensAt,
                                   AppointmentStatus... allowedFrom) {
        require(requestedAt != null, "requestedAt", "is required");
        requireManager(actor);
        if (status != SlotStatus.BOOKED) {
            throw new NoActiveBookingException(slotId);
        }
        if (!List.of(allowedFrom).contains(appointment)) {
            throw new AttendanceException("appointment-" + appointment.code(), CommandRejection.Kind.CONFLICT,
                    "The appointment in slot " + slotId + " is already " + appointment.code() + ".");
        }
        if (requestedAt.isBefore(opensAt)) {
            throw new AttendanceException("too-early", CommandRejection.Kind.REFUSED,
                    "This can be recorded from " + opensAt + " on.");
        }
    }

    private static void requireInterval(Instant start, Instant end, Instant requestedAt) {
        require(start != null, "start", "is required");
        require(end != null, "end", "is required");
        require(requestedAt != null, "requestedAt", "is required");
        require(start.isBefore(end), "end", "must be after start");
        require(start.isAfter(requestedAt), "start", "must be in the future");
        require(Duration.between(start, end).compareTo(LONGEST) <= 0, "end",
                "must be at most " + LONGEST.toHours() + " hours after start");
    }

    private static void requireReason(String reason) {
        require(reason == null || reason.length() <= LONGEST_REASON, "reason",
                "must be at most " + LONGEST_REASON + " characters");
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidSlotException(field, message);
        }
    }
}
