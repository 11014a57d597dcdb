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
import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BlockSlot;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.CheckInPatient;
import com.careslot.api.slot.CompleteAppointment;
import com.careslot.api.slot.MarkNoShow;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.RemoveSlot;
import com.careslot.api.slot.SlotBlocked;
import com.careslot.api.slot.SlotRemoved;
import com.careslot.api.slot.SlotUnblocked;
import com.careslot.api.slot.UnblockSlot;
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
    private static final Actor BY_DOCTOR = new Actor(DOCTOR, Role.DOCTOR);
    private static final Actor BY_ADMIN = new Actor(UUID.fromString("ad000000-0000-4000-8000-000000000007"), Role.ADMIN);
    private static final Actor BY_OTHER_DOCTOR =
            new Actor(UUID.fromString("d0c70000-0000-4000-8000-000000000008"), Role.DOCTOR);

    private FixtureConfiguration<Slot> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Slot.class);
        fixture.registerInjectableResource(BookingPolicy.DEFAULT);
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
                    .when(new CancelBooking(SLOT, "patient is ill", BY_PATIENT, NOW, false))
                    .expectEvents(cancelled)
                    .expectResultMessagePayload(cancelled);
        }

        @Test
        void refusesAReasonLongerThan500Characters() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "x".repeat(501), BY_PATIENT, NOW, false))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void theSlotsDoctorMayCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "doctor is ill", new Actor(DOCTOR, Role.DOCTOR), NOW, false))
                    .expectEvents(cancelled("doctor is ill"));
        }

        @Test
        void anAdminMayCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.ADMIN), NOW, false))
                    .expectEvents(cancelled(null));
        }

        @Test
        void anotherPatientMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.PATIENT), NOW, false))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void anotherDoctorMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(OTHER_PATIENT, Role.DOCTOR), NOW, false))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void anAuditorMayNotCancel() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, new Actor(PATIENT, Role.AUDITOR), NOW, false))
                    .expectException(NotYourBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCancelAFreeSlot() {
            fixture.given(opened())
                    .when(new CancelBooking(SLOT, null, BY_PATIENT, NOW, false))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCancelTwice() {
            fixture.given(opened(), booked(), cancelled(null))
                    .when(new CancelBooking(SLOT, null, BY_PATIENT, NOW, false))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class CancellationPolicy {

        @Test
        void aPatientCannotCancelWithinTwoHoursOfTheStart() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, BY_PATIENT, START.minus(Duration.ofMinutes(119)), false))
                    .expectException(TooLateToCancelException.class)
                    .expectNoEvents();
        }

        @Test
        void aPatientMayCancelExactlyTwoHoursBefore() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, BY_PATIENT, START.minus(Duration.ofHours(2)), false))
                    .expectEvents(cancelled(null));
        }

        @Test
        void aPatientCannotDeclareTheSlotUnavailable() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "sorry", BY_PATIENT, NOW, true))
                    .expectException(invalid("unavailable"))
                    .expectNoEvents();
        }

        @Test
        void aDoctorMustSayWhy() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, " ", BY_DOCTOR, NOW, false))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void aDoctorMayCancelAnyTimeAndTheSlotIsFreeAgain() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "emergency", BY_DOCTOR, START.minusSeconds(60), false))
                    .expectEvents(cancelled("emergency"));
        }

        @Test
        void aDoctorCancellingAsUnavailableAlsoBlocksTheSlot() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "on leave", BY_DOCTOR, NOW, true))
                    .expectEvents(cancelled("on leave"), new SlotBlocked(SLOT, DOCTOR, START, END, "on leave"));
        }

        @Test
        void anAdminMayCancelWithinTheCutoffWithoutAReason() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, null, BY_ADMIN, START.minusSeconds(60), false))
                    .expectEvents(cancelled(null));
        }

        @Test
        void aCheckedInAppointmentCannotBeCancelled() {
            fixture.given(opened(), booked(), checkedIn())
                    .when(new CancelBooking(SLOT, "changed my mind", BY_DOCTOR, START, false))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class BlockingAndRemoving {

        @Test
        void blocksAFreeSlot() {
            fixture.given(opened())
                    .when(new BlockSlot(SLOT, "conference", BY_DOCTOR))
                    .expectEvents(new SlotBlocked(SLOT, DOCTOR, START, END, "conference"));
        }

        @Test
        void cannotBlockABookedSlot() {
            fixture.given(opened(), booked())
                    .when(new BlockSlot(SLOT, null, BY_DOCTOR))
                    .expectException(SlotStateException.class)
                    .expectNoEvents();
        }

        @Test
        void anotherDoctorCannotBlock() {
            fixture.given(opened())
                    .when(new BlockSlot(SLOT, null, BY_OTHER_DOCTOR))
                    .expectException(NotYourSlotException.class)
                    .expectNoEvents();
        }

        @Test
        void aPatientCannotBlock() {
            fixture.given(opened())
                    .when(new BlockSlot(SLOT, null, BY_PATIENT))
                    .expectException(NotYourSlotException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotBookABlockedSlot() {
            fixture.given(opened(), blocked())
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
        }

        @Test
        void unblocksABlockedSlot() {
            fixture.given(opened(), blocked())
                    .when(new UnblockSlot(SLOT, BY_ADMIN))
                    .expectEvents(new SlotUnblocked(SLOT, DOCTOR, START, END));
        }

        @Test
        void cannotUnblockAFreeSlot() {
            fixture.given(opened())
                    .when(new UnblockSlot(SLOT, BY_DOCTOR))
                    .expectException(SlotStateException.class)
                    .expectNoEvents();
        }

        @Test
        void removesAFreeSlot() {
            fixture.given(opened())
                    .when(new RemoveSlot(SLOT, BY_DOCTOR))
                    .expectEvents(new SlotRemoved(SLOT, DOCTOR, START, END));
        }

        @Test
        void removesABlockedSlot() {
            fixture.given(opened(), blocked())
                    .when(new RemoveSlot(SLOT, BY_DOCTOR))
                    .expectEvents(new SlotRemoved(SLOT, DOCTOR, START, END));
        }

        @Test
        void cannotRemoveABookedSlot() {
            fixture.given(opened(), booked())
                    .when(new RemoveSlot(SLOT, BY_ADMIN))
                    .expectException(SlotStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aRemovedSlotCannotBeBookedOrBlocked() {
            fixture.given(opened(), new SlotRemoved(SLOT, DOCTOR, START, END))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectException(SlotNotFreeException.class);
            fixture.given(opened(), new SlotRemoved(SLOT, DOCTOR, START, END))
                    .when(new BlockSlot(SLOT, null, BY_DOCTOR))
                    .expectException(SlotStateException.class);
        }
    }

    @Nested
    class Attendance {

        @Test
        void checksInFromAnHourBeforeTheStart() {
            fixture.given(opened(), booked())
                    .when(new CheckInPatient(SLOT, BY_DOCTOR, START.minus(Duration.ofHours(1))))
                    .expectEvents(checkedIn())
                    .expectResultMessagePayload(AppointmentStatus.CHECKED_IN);
        }

        @Test
        void cannotCheckInEarlier() {
            fixture.given(opened(), booked())
                    .when(new CheckInPatient(SLOT, BY_DOCTOR, START.minus(Duration.ofMinutes(61))))
                    .expectException(AttendanceException.class)
                    .expectNoEvents();
        }

        @Test
        void completesAfterTheStart() {
            fixture.given(opened(), booked(), checkedIn())
                    .when(new CompleteAppointment(SLOT, BY_DOCTOR, START.plusSeconds(600)))
                    .expectEvents(new AppointmentFulfilled(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END))
                    .expectResultMessagePayload(AppointmentStatus.FULFILLED);
        }

        @Test
        void completesWithoutACheckIn() {
            fixture.given(opened(), booked())
                    .when(new CompleteAppointment(SLOT, BY_ADMIN, END))
                    .expectEvents(new AppointmentFulfilled(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END));
        }

        @Test
        void cannotCompleteBeforeTheStart() {
            fixture.given(opened(), booked(), checkedIn())
                    .when(new CompleteAppointment(SLOT, BY_DOCTOR, START.minusSeconds(1)))
                    .expectException(AttendanceException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCompleteTwice() {
            fixture.given(opened(), booked(), new AppointmentFulfilled(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END))
                    .when(new CompleteAppointment(SLOT, BY_DOCTOR, END))
                    .expectException(AttendanceException.class)
                    .expectNoEvents();
        }

        @Test
        void marksANoShowAfterTheStart() {
            fixture.given(opened(), booked())
                    .when(new MarkNoShow(SLOT, BY_DOCTOR, START.plusSeconds(900)))
                    .expectEvents(new PatientNoShow(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END))
                    .expectResultMessagePayload(AppointmentStatus.NOSHOW);
        }

        @Test
        void aCheckedInPatientIsNoNoShow() {
            fixture.given(opened(), booked(), checkedIn())
                    .when(new MarkNoShow(SLOT, BY_DOCTOR, END))
                    .expectException(AttendanceException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotMarkANoShowBeforeTheStart() {
            fixture.given(opened(), booked())
                    .when(new MarkNoShow(SLOT, BY_DOCTOR, START.minusSeconds(1)))
                    .expectException(AttendanceException.class)
                    .expectNoEvents();
        }

        @Test
        void onlyTheSlotsDoctorOrAnAdminRecordsAttendance() {
            fixture.given(opened(), booked())
                    .when(new CheckInPatient(SLOT, BY_PATIENT, START))
                    .expectException(NotYourSlotException.class);
            fixture.given(opened(), booked())
                    .when(new MarkNoShow(SLOT, BY_OTHER_DOCTOR, END))
                    .expectException(NotYourSlotException.class);
        }

        @Test
        void aFreeSlotHasNoAttendance() {
            fixture.given(opened())
                    .when(new CompleteAppointment(SLOT, BY_DOCTOR, END))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }
    }

    private static SlotBlocked blocked() {
        return new SlotBlocked(SLOT, DOCTOR, START, END, null);
    }

    private static PatientCheckedIn checkedIn() {
        return new PatientCheckedIn(SLOT, DOCTOR, APPOINTMENT, PATIENT, START, END);
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
