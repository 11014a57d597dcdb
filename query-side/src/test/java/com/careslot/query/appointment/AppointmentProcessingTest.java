package com.careslot.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotOpened;

class AppointmentProcessingTest {

    final AppointmentProcessing.PerAppointment policy = new AppointmentProcessing.PerAppointment();
    final UUID appointment = UUID.randomUUID();
    final UUID oldSlot = UUID.randomUUID();
    final UUID newSlot = UUID.randomUUID();
    final UUID doctor = UUID.randomUUID();
    final UUID patient = UUID.randomUUID();
    final Instant start = Instant.parse("2030-03-15T09:00:00Z");
    final Instant end = Instant.parse("2030-03-15T09:30:00Z");

    @Test
    void sequencesEveryEventOfOneAppointmentTogetherAcrossItsSlots() {
        Object booked = policy.getSequenceIdentifierFor(
                onSlot(oldSlot, new SlotBooked(oldSlot, doctor, appointment, patient, start, end)));
        Object movedOut = policy.getSequenceIdentifierFor(
                onSlot(oldSlot, new BookingMovedOut(oldSlot, doctor, appointment, patient, start, end, newSlot)));
        Object movedIn = policy.getSequenceIdentifierFor(
                onSlot(newSlot, new BookingMovedIn(newSlot, doctor, appointment, patient, start, end, oldSlot)));
        Object noShow = policy.getSequenceIdentifierFor(
                onSlot(newSlot, new PatientNoShow(newSlot, doctor, appointment, patient, start, end)));

        assertThat(booked).isEqualTo(appointment).isEqualTo(movedOut).isEqualTo(movedIn).isEqualTo(noShow);
    }

    @Test
    void sequencesOtherEventsPerAggregate() {
        assertThat(policy.getSequenceIdentifierFor(onSlot(newSlot, new SlotOpened(newSlot, doctor, start, end))))
                .isEqualTo(newSlot.toString());
    }

    private static EventMessage<?> onSlot(UUID slotId, Object payload) {
        return new GenericDomainEventMessage<>("Slot", slotId.toString(), 0, payload);
    }
}
