package com.careslot.command.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotOpened;

/** The slot's side of a paid booking: the payment books through the same BookSlot, naming the payment. */
class PaidSlotTest {

    static final UUID SLOT = UUID.fromString("5107a1e0-0000-4000-8000-0000000000a1");
    static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-0000000000a2");
    static final UUID PATIENT = UUID.fromString("9a710000-0000-4000-8000-0000000000a3");
    static final UUID APPOINTMENT = UUID.fromString("a0000000-0000-4000-8000-0000000000a4");
    static final UUID HOLD = UUID.fromString("40100000-0000-4000-8000-0000000000a5");
    static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    static final Instant START = Instant.parse("2030-03-05T09:00:00Z");
    static final Instant END = START.plus(Duration.ofMinutes(30));

    FixtureConfiguration<Slot> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Slot.class);
        fixture.registerInjectableResource(BookingPolicy.DEFAULT);
    }

    @Test
    void thePaymentBooksTheHeldSlotAndTheExpiryIsCancelled() {
        fixture.given(new SlotOpened(SLOT, DOCTOR, START, END))
                .andGivenCommands(new HoldSlot(SLOT, HOLD, PATIENT, NOW))
                .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD, null, "pi_123"))
                .expectEvents(new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPaymentAfterTheHoldExpiredStillBooksTheSlotWhileItIsFree() {
        fixture.given(new SlotOpened(SLOT, DOCTOR, START, END),
                        new SlotHeld(SLOT, DOCTOR, HOLD, PATIENT, START, END, NOW.plusSeconds(300)),
                        new HoldExpired(SLOT, HOLD, PATIENT))
                .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD, null, "pi_123"))
                .expectEvents(new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));
    }

    @Test
    void aSlotKnowsWhichHoldKeepsIt() {
        Slot slot = new Slot();
        slot.on(new SlotOpened(SLOT, DOCTOR, START, END));
        assertThat(slot.isHeldUnder(HOLD)).isFalse();
        slot.on(new SlotHeld(SLOT, DOCTOR, HOLD, PATIENT, START, END, NOW.plusSeconds(300)));
        assertThat(slot.isHeldUnder(HOLD)).isTrue();
        assertThat(slot.isHeldUnder(UUID.randomUUID())).isFalse();
        slot.on(new HoldExpired(SLOT, HOLD, PATIENT));
        assertThat(slot.isHeldUnder(HOLD)).isFalse();
    }
}
