package com.careslot.command.slot;

import static com.careslot.command.Rejections.invalid;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.CancelBooking;
import com.careslot.api.slot.OpenSlot;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotOpened;

class SlotTest {

    private static final UUID SLOT = UUID.fromString("5107a1e0-0000-4000-8000-000000000001");
    private static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000002");
    private static final UUID PATIENT = UUID.fromString("9a710000-0000-4000-8000-000000000003");
    private static final UUID APPOINTMENT = UUID.fromString("a0000000-0000-4000-8000-000000000004");
    private static final UUID OTHER_PATIENT = UUID.fromString("9a710000-0000-4000-8000-000000000005");
    private static final UUID OTHER_APPOINTMENT = UUID.fromString("a0000000-0000-4000-8000-000000000006");
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Instant START = Instant.parse("2030-03-05T09:00:00Z");
    private static final Instant END = Instant.parse("2030-03-05T09:30:00Z");

    private static final Actor BY_PATIENT = new Actor(PATIENT, Role.PATIENT);

    private FixtureConfiguration<Slot> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Slot.class);
    }

    @Nested
    class Opening {

        @Test
        void opensAFreeSlot() {
            fixture.givenNoPriorActivity()
                    .when(open(START, END))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(opened());
        }

        @Test
        void refusesWithoutDoctor() {
            fixture.givenNoPriorActivity()
                    .when(new OpenSlot(SLOT, null, START, END, NOW))
                    .expectException(invalid("doctorId"))
                    .expectNoEvents();
        }

        @Test
        void refusesWithoutTheMomentOfTheRequest() {
            fixture.givenNoPriorActivity()
                    .when(new OpenSlot(SLOT, DOCTOR, START, END, null))
                    .expectException(invalid("requestedAt"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEndBeforeTheStart() {
            fixture.givenNoPriorActivity()
                    .when(open(START, START.minusSeconds(60)))
                    .expectException(invalid("end"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEmptyInterval() {
            fixture.givenNoPriorActivity()
                    .when(open(START, START))
                    .expectException(invalid("end"))
                    .expectNoEvents();
        }

        @Test
        void refusesAStartInThePast() {
            fixture.givenNoPriorActivity()
                    .when(new OpenSlot(SLOT, DOCTOR, NOW.minusSeconds(60), NOW.plusSeconds(1800), NOW))
                    .expectException(invalid("start"))
                    .expectNoEvents();
        }

        @Test
        void refusesAStartAtTheMomentOfTheRequest() {
            fixture.givenNoPriorActivity()
                    .when(new OpenSlot(SLOT, DOCTOR, NOW, NOW.plusSeconds(1800), NOW))
                    .expectException(invalid("start"))
                    .expectNoEvents();
        }

        @Test
        void acceptsExactlyEightHours() {
            Instant end = START.plus(Duration.ofHours(8));

            fixture.givenNoPriorActivity()
                    .when(open(START, end))
                    .expectEvents(new SlotOpened(SLOT, DOCTOR, START, end));
        }

        @Test
        void refusesMoreThanEightHours() {
            fixture.givenNoPriorActivity()
                    .when(open(START, START.plus(Duration.ofHours(8)).plusSeconds(60)))
                    .expectException(invalid("end"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Booking {

        @Test
        void booksAFreeSlot() {
            fixture.given(opened())
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));
        }

        @Test
        void refusesWithoutPatient() {
            fixture.given(opened())
                    .when(new BookSlot(SLOT, APPOINTMENT, null))
                    .expectException(invalid("patientId"))
                    .expectNoEvents();
        }

        @Test
        void refusesWithoutAppointment() {
            fixture.given(opened())
                    .when(new BookSlot(SLOT, null, PATIENT))
                    .expectException(invalid("appointmentId"))
                    .expectNoEvents();
        }

        @Test
        void cannotBookABookedSlot() {
            fixture.given(opened(), booked())
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
        }

        @Test
        void canBookAgainAfterACancellation() {
            fixture.given(opened(), booked(), cancelled("patient is ill"))
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT))
                    .expectEvents(new SlotBooked(SLOT, DOCTOR, OTHER_APPOINTMENT, OTHER_PATIENT, START, END));
        }

        @Test
        void cannotBookAnUnknownSlot() {
            fixture.givenNoPriorActivity()
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAnActiveBooking() {
            BookingCancelled cancelled = cancelled("patient is ill");

            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "patient is ill", BY_PATIENT))
                    .expectEvents(cancelled)
                    .expectResultMessagePayload(cancelled);
        }

        @Test
        void refusesAReasonLongerThan500Characters() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "x".repeat(501), BY_PATIENT))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void theSlotsDoctorMayCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "doctor is ill", new Actor(DOCTOR, Role.DOCTOR)))
                    .expectEvents(cancelled("doctor is ill"));
        }

        @Test
        void anAdminMayCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.ADMIN)))
                    .expectEvents(cancelled(null));
        }

        @Test
        void anotherPatientMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.PATIENT)))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void anotherDoctorMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.DOCTOR)))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void anAuditorMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(PATIENT, Role.AUDITOR)))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCancelAFreeSlot() {
            fixture.given(opened())
                    .when(new CancelBooking(SLOT, null, BY_PATIENT))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCancelTwice() {
            fixture.given(opened(), booked(), cancelled(null))
                    .when(new CancelBooking(SLOT, null, BY_PATIENT))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }
    }

    private static OpenSlot open(Instant start, Instant end) {
        return new OpenSlot(SLOT, DOCTOR, start, end, NOW);
    }

    private static SlotOpened opened() {
        return new SlotOpened(SLOT, DOCTOR, START, END);
    }

    private static SlotBooked booked() {
        return new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END);
    }

    private static BookingCancelled cancelled(String reason) {
        return new BookingCancelled(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END, reason);
    }
}
