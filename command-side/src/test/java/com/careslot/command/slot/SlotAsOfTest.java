package com.careslot.command.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.careslot.api.doctor.DoctorApproved;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotOpened;
import com.careslot.api.slot.SlotStatus;

/** A slot's state at an instant is what its events up to that instant made of it, through the aggregate itself. */
class SlotAsOfTest {

    static final UUID SLOT = UUID.fromString("51070000-0000-4000-8000-000000000001");
    static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000002");
    static final UUID PATIENT = UUID.fromString("9a710000-0000-4000-8000-000000000003");
    static final UUID HOLD = UUID.fromString("401d0000-0000-4000-8000-000000000004");
    static final UUID APPOINTMENT = UUID.fromString("a9900000-0000-4000-8000-000000000005");
    static final Instant START = Instant.parse("2030-03-15T09:00:00Z");
    static final Instant END = START.plus(Duration.ofMinutes(30));
    static final Instant OPENED = Instant.parse("2030-03-01T08:00:00Z");
    static final Instant HELD = OPENED.plus(Duration.ofMinutes(1));
    static final Instant BOOKED = OPENED.plus(Duration.ofMinutes(2));
    static final Instant CHECKED_IN = OPENED.plus(Duration.ofDays(14));

    Configuration axon;
    SlotAsOf slots;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(BookingPolicy.class, c -> BookingPolicy.DEFAULT)
                .buildConfiguration();
        slots = new SlotAsOf(axon.eventStore(), axon);
    }

    @Test
    void isWhatTheSlotsEventsUpToTheInstantMadeIt() {
        stored("Slot", SLOT, 0, OPENED, new SlotOpened(SLOT, DOCTOR, START, END));
        stored("Slot", SLOT, 1, HELD, new SlotHeld(SLOT, DOCTOR, HOLD, PATIENT, START, END, HELD.plusSeconds(300)));
        stored("Slot", SLOT, 2, BOOKED, new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));
        stored("Slot", SLOT, 3, CHECKED_IN, new PatientCheckedIn(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));

        assertThat(slots.at(SLOT, OPENED.minusMillis(1))).as("not opened yet").isEmpty();
        assertThat(slots.at(SLOT, OPENED)).hasValue(new SlotAsOfView(
                new SlotStateView(SLOT, DOCTOR, START, END, SlotStatus.FREE, null, null, null, null, null),
                OPENED, 0, OPENED));
        assertThat(slots.at(SLOT, BOOKED.minusMillis(1))).hasValue(new SlotAsOfView(
                new SlotStateView(SLOT, DOCTOR, START, END, SlotStatus.HELD, null, PATIENT, null, HOLD,
                        HELD.plusSeconds(300)),
                BOOKED.minusMillis(1), 1, HELD));
        assertThat(slots.at(SLOT, BOOKED)).hasValue(new SlotAsOfView(
                new SlotStateView(SLOT, DOCTOR, START, END, SlotStatus.BOOKED, APPOINTMENT, PATIENT, "booked", null,
                        null),
                BOOKED, 2, BOOKED));
        assertThat(slots.at(SLOT, CHECKED_IN.plusSeconds(1)).orElseThrow().slot().appointmentStatus())
                .isEqualTo("checked-in");
    }

    @Test
    void stopsAtTheFirstEventStoredAfterTheInstant() {
        stored("Slot", SLOT, 0, OPENED, new SlotOpened(SLOT, DOCTOR, START, END));
        stored("Slot", SLOT, 1, BOOKED, new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));
        // A later event with an earlier time (another node's clock): the stream up to the instant is a prefix.
        stored("Slot", SLOT, 2, HELD, new PatientCheckedIn(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));

        SlotAsOfView atHeld = slots.at(SLOT, HELD).orElseThrow();

        assertThat(atHeld.sequenceNumber()).isZero();
        assertThat(atHeld.slot().status()).isEqualTo(SlotStatus.FREE);
    }

    @Test
    void knowsNoSlotByAnotherAggregatesId() {
        stored("Doctor", DOCTOR, 0, OPENED, new DoctorApproved(DOCTOR));

        assertThat(slots.at(DOCTOR, OPENED.plusSeconds(1))).isEmpty();
        assertThat(slots.at(UUID.randomUUID(), OPENED.plusSeconds(1))).isEmpty();
    }

    private void stored(String aggregateType, UUID aggregateId, long sequenceNumber, Instant at, Object event) {
        axon.eventStore().publish(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(),
                sequenceNumber, event, MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }
}
