package com.careslot.command.slot;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.RescheduleAppointment;

/**
 * Moves a booking between two slots in one unit of work, so one database transaction appends both slots' events:
 * the patient ends with the new slot and the old one free, or, when the new slot is taken (also by a racing
 * command on another node, caught by the event store's sequence check), with the old slot untouched (invariant 4).
 */
@Component
class Rescheduling {

    private final Configuration axon;
    private final BookingPolicy policy;

    Rescheduling(Configuration axon, BookingPolicy policy) {
        this.axon = axon;
        this.policy = policy;
    }

    @CommandHandler
    public BookingMovedIn handle(RescheduleAppointment command) {
        if (command.toSlotId() == null || command.toSlotId().equals(command.fromSlotId())) {
            throw new InvalidSlotException("toSlotId", "must be another slot");
        }
        // Axon locks each slot while it is loaded; taking the two locks in id order keeps two opposite
        // reschedules from waiting on each other.
        boolean fromFirst = command.fromSlotId().compareTo(command.toSlotId()) < 0;
        Aggregate<Slot> first = load(fromFirst ? command.fromSlotId() : command.toSlotId());
        Aggregate<Slot> second = load(fromFirst ? command.toSlotId() : command.fromSlotId());
        Aggregate<Slot> from = fromFirst ? first : second;
        Aggregate<Slot> to = fromFirst ? second : first;

        Slot.Booking booking = from.invoke(slot -> slot.moveOut(command.toSlotId(), command.requestedBy(),
                command.requestedAt(), policy));
        return to.invoke(slot -> slot.moveIn(booking, command.fromSlotId(), command.requestedAt()));
    }

    private Aggregate<Slot> load(UUID slotId) {
        Repository<Slot> slots = axon.repository(Slot.class);
        return slots.load(slotId.toString());
    }
}
