package com.careslot.command.slot;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.account.Actor;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.CancelBooking;
import com.careslot.api.slot.OpenSlot;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotOpened;
import com.careslot.api.slot.SlotStatus;

/**
 * A doctor's bookable interval {@code [start, end)}, one event stream per slot. At most one booking is active at a
 * time: two commands deciding on the same state both try to append the same next sequence number, the event store
 * accepts one, and the other is retried against the new state and refused.
 */
@Aggregate
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

    protected Slot() {
        // for event sourcing
    }

    @CommandHandler
    public Slot(OpenSlot command) {
        require(command.doctorId() != null, "doctorId", "is required");
        require(command.start() != null, "start", "is required");
        require(command.end() != null, "end", "is required");
        require(command.requestedAt() != null, "requestedAt", "is required");
        require(command.start().isBefore(command.end()), "end", "must be after start");
        require(command.start().isAfter(command.requestedAt()), "start", "must be in the future");
        require(Duration.between(command.start(), command.end()).compareTo(LONGEST) <= 0, "end",
                "must be at most " + LONGEST.toHours() + " hours after start");
        apply(new SlotOpened(command.slotId(), command.doctorId(), command.start(), command.end()));
    }

    @CommandHandler
    public void handle(BookSlot command) {
        require(command.patientId() != null, "patientId", "is required");
        require(command.appointmentId() != null, "appointmentId", "is required");
        if (status != SlotStatus.FREE) {
            throw new SlotNotFreeException(slotId, status);
        }
        apply(new SlotBooked(slotId, doctorId, command.appointmentId(), command.patientId(), start, end));
    }

    @CommandHandler
    public BookingCancelled handle(CancelBooking command) {
        require(command.reason() == null || command.reason().length() <= LONGEST_REASON, "reason",
                "must be at most " + LONGEST_REASON + " characters");
        if (status != SlotStatus.BOOKED) {
            throw new NoActiveBookingException(slotId);
        }
        if (!mayCancel(command.requestedBy())) {
            throw new NotYourBookingException(slotId);
        }
        BookingCancelled cancelled =
                new BookingCancelled(slotId, doctorId, appointmentId, patientId, start, end, command.reason());
        apply(cancelled);
        return cancelled;
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
    void on(SlotBooked event) {
        status = SlotStatus.BOOKED;
        appointmentId = event.appointmentId();
        patientId = event.patientId();
    }

    @EventSourcingHandler
    void on(BookingCancelled event) {
        status = SlotStatus.FREE;
        appointmentId = null;
        patientId = null;
    }

    private boolean mayCancel(Actor actor) {
        if (actor == null) {
            return false;
        }
        return switch (actor.role()) {
            case ADMIN -> true;
            case PATIENT -> actor.isAccount(patientId);
            case DOCTOR -> actor.isAccount(doctorId);
            case AUDITOR -> false;
        };
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidSlotException(field, message);
        }
    }
}
