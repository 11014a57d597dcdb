package com.careslot.command.slot;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static com.careslot.command.Rejections.invalid;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BlockSlot;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.CheckInPatient;
import com.careslot.api.slot.CompleteAppointment;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldReleased;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.MarkNoShow;
import com.careslot.api.slot.MoveFreeSlot;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.ReleaseHold;
import com.careslot.api.slot.RemoveSlot;
import com.careslot.api.slot.SlotBlocked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotMoved;
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
    private static final UUID HOLD = UUID.fromString("40100000-0000-4000-8000-000000000009");
    private static final UUID OTHER_HOLD = UUID.fromString("40100000-0000-4000-8000-000000000010");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

    private static final Actor BY_PATIENT = new Actor(PATIENT, Role.PATIENT);
    private static final Actor BY_DOCTOR = new Actor(DOCTOR, Role.DOCTOR);
    private static final Actor BY_RECEPTIONIST =
            new Actor(UUID.fromString("4ec00000-0000-4000-8000-000000000011"), Role.RECEPTIONIST);
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
    class Holding {

        @Test
        void holdsAFreeSlotForFiveMinutesAndSetsItsExpiry() {
            SlotHeld held = held();

            fixture.given(opened())
                    .when(hold(PATIENT, HOLD))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(holdWithItsExpiry(held), andNoMore())))
                    .expectResultMessagePayloadMatching(holdWithItsExpiry(held))
                    .expectScheduledDeadline(EXPIRES, new HoldExpiry(HOLD))
                    .expectScheduledDeadlineWithName(EXPIRES, HoldExpiry.DEADLINE);
        }

        @Test
        void theHoldLastsAsLongAsThePolicySays() {
            FixtureConfiguration<Slot> shortHolds = new AggregateTestFixture<>(Slot.class);
            shortHolds.registerInjectableResource(
                    new BookingPolicy(Duration.ofHours(2), Duration.ofHours(1), Duration.ofSeconds(20)));

            shortHolds.given(opened())
                    .when(hold(PATIENT, HOLD))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(holdWithItsExpiry(
                            new SlotHeld(SLOT, DOCTOR, HOLD, PATIENT, START, END, NOW.plusSeconds(20))), andNoMore())))
                    .expectScheduledDeadline(NOW.plusSeconds(20), new HoldExpiry(HOLD));
        }

        @Test
        void refusesWithoutPatientHoldOrTheMomentOfTheRequest() {
            fixture.given(opened())
                    .when(new HoldSlot(SLOT, HOLD, null, NOW))
                    .expectException(invalid("patientId"));
            fixture.given(opened())
                    .when(new HoldSlot(SLOT, null, PATIENT, NOW))
                    .expectException(invalid("holdId"));
            fixture.given(opened())
                    .when(new HoldSlot(SLOT, HOLD, PATIENT, null))
                    .expectException(invalid("requestedAt"))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void holdingASlotYouHoldAnswersThatHoldAgainWithoutExtendingIt() {
            fixture.given(opened(), held())
                    .when(new HoldSlot(SLOT, OTHER_HOLD, PATIENT, NOW.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(held())
                    .expectNoScheduledDeadlines();
        }

        @Test
        void cannotHoldASlotSomeoneElseHolds() {
            fixture.given(opened(), held())
                    .when(hold(OTHER_PATIENT, OTHER_HOLD))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void cannotHoldABookedBlockedOrRemovedSlot() {
            fixture.given(opened(), booked())
                    .when(hold(OTHER_PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class);
            fixture.given(opened(), blocked())
                    .when(hold(PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class);
            fixture.given(opened(), new SlotRemoved(SLOT, DOCTOR, START, END))
                    .when(hold(PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void theBookingsPatientCannotHoldTheirOwnBookedSlot() {
            fixture.given(opened(), booked())
                    .when(hold(PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
        }

        @Test
        void anotherPatientCannotBookAHeldSlot() {
            fixture.given(opened(), held())
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
            fixture.given(opened(), held())
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
        }

        @Test
        void theDoctorCannotBlockOrRemoveAHeldSlot() {
            fixture.given(opened(), held())
                    .when(new BlockSlot(SLOT, null, BY_DOCTOR))
                    .expectException(SlotStateException.class);
            fixture.given(opened(), held())
                    .when(new RemoveSlot(SLOT, BY_DOCTOR))
                    .expectException(SlotStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aHeldSlotHasNoBookingToCancel() {
            fixture.given(opened(), held())
                    .when(new CancelBooking(SLOT, null, BY_PATIENT, NOW, false))
                    .expectException(NoActiveBookingException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class ConfirmingAHold {

        @Test
        void theHolderBooksWithTheHoldIdAndTheExpiryIsCancelled() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD))
                    .expectEvents(booked())
                    .expectNoScheduledDeadlines();
        }

        @Test
        void theHolderBooksWithoutQuotingTheHoldAndTheExpiryIsCancelled() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectEvents(booked())
                    .expectNoScheduledDeadlines();
        }

        @Test
        void aWrongHoldIdIsInvalidInput() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, OTHER_HOLD))
                    .expectException(invalid("holdId"))
                    .expectNoEvents()
                    .expectScheduledDeadline(EXPIRES, new HoldExpiry(HOLD));
        }

        @Test
        void aHoldIdQuotedForAFreeSlotIsNoObstacle() {
            fixture.given(opened(), held(), new HoldExpired(SLOT, HOLD, PATIENT))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD))
                    .expectEvents(booked());
        }
    }

    @Nested
    class ExpiringAndReleasing {

        @Test
        void theSlotIsFreeAgainWhenTheHoldExpires() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .whenTimeAdvancesTo(EXPIRES)
                    .expectTriggeredDeadlines(new HoldExpiry(HOLD))
                    .expectEvents(new HoldExpired(SLOT, HOLD, PATIENT));
        }

        @Test
        void nothingExpiresBeforeTheDeadline() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .whenTimeAdvancesTo(EXPIRES.minusMillis(1))
                    .expectTriggeredDeadlines()
                    .expectNoEvents();
        }

        @Test
        void anotherPatientBooksTheSlotOfAnExpiredHold() {
            fixture.given(opened(), held(), new HoldExpired(SLOT, HOLD, PATIENT))
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT))
                    .expectEvents(new SlotBooked(SLOT, DOCTOR, OTHER_APPOINTMENT, OTHER_PATIENT, START, END));
        }

        @Test
        void theExpiredHoldersHoldIdConfirmsNothingOnceSomeoneElseHoldsTheSlot() {
            fixture.given(opened(), held(), new HoldExpired(SLOT, HOLD, PATIENT),
                            new SlotHeld(SLOT, DOCTOR, OTHER_HOLD, OTHER_PATIENT, START, END, EXPIRES.plusSeconds(60)))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD))
                    .expectException(SlotNotFreeException.class)
                    .expectNoEvents();
        }

        @Test
        void aHoldPastItsExpiryIsNeverConfirmedThoughItsDeadlineHasNotFired() {
            fixture.given(opened(), held())
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD, EXPIRES))
                    .expectEvents(new HoldExpired(SLOT, HOLD, PATIENT), booked());
            fixture.given(opened(), held())
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT, HOLD, EXPIRES.minusMillis(1)))
                    .expectEvents(booked());
        }

        @Test
        void anotherPatientBooksTheSlotOfALapsedHoldWhoseDeadlineHasNotFired() {
            fixture.given(opened(), held())
                    .when(new BookSlot(SLOT, OTHER_APPOINTMENT, OTHER_PATIENT, null, EXPIRES.plusSeconds(1)))
                    .expectEvents(new HoldExpired(SLOT, HOLD, PATIENT),
                            new SlotBooked(SLOT, DOCTOR, OTHER_APPOINTMENT, OTHER_PATIENT, START, END));
        }

        @Test
        void holdingAgainPastTheExpiryGivesANewHoldNotTheLapsedOne() {
            Instant later = EXPIRES.plusSeconds(1);
            SlotHeld fresh = new SlotHeld(SLOT, DOCTOR, OTHER_HOLD, PATIENT, START, END, later.plus(Duration.ofMinutes(5)));
            fixture.given(opened(), held())
                    .when(new HoldSlot(SLOT, OTHER_HOLD, PATIENT, later))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            Matchers.equalTo(new HoldExpired(SLOT, HOLD, PATIENT)), holdWithItsExpiry(fresh), andNoMore())))
                    .expectResultMessagePayloadMatching(holdWithItsExpiry(fresh));
            SlotHeld someoneElses = new SlotHeld(SLOT, DOCTOR, OTHER_HOLD, OTHER_PATIENT, START, END,
                    later.plus(Duration.ofMinutes(5)));
            fixture.given(opened(), held())
                    .when(new HoldSlot(SLOT, OTHER_HOLD, OTHER_PATIENT, later))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            Matchers.equalTo(new HoldExpired(SLOT, HOLD, PATIENT)), holdWithItsExpiry(someoneElses),
                            andNoMore())));
        }

        @Test
        void aDeadlineThatFiresAfterTheHoldWasBookedDoesNothing() {
            // The booking's cancellation of the deadline lost a race (it was already running on another node).
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .andGiven(booked())
                    .whenTimeAdvancesTo(EXPIRES)
                    .expectTriggeredDeadlines(new HoldExpiry(HOLD))
                    .expectNoEvents();
        }

        @Test
        void aDeadlineOfAnEarlierHoldDoesNotEndTheCurrentOne() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .andGiven(new HoldReleased(SLOT, HOLD, PATIENT),
                            new SlotHeld(SLOT, DOCTOR, OTHER_HOLD, OTHER_PATIENT, START, END, EXPIRES.plusSeconds(60)))
                    .whenTimeAdvancesTo(EXPIRES)
                    .expectTriggeredDeadlines(new HoldExpiry(HOLD))
                    .expectNoEvents();
        }

        @Test
        void theHolderReleasesTheHoldAndTheExpiryIsCancelled() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .when(new ReleaseHold(SLOT, PATIENT))
                    .expectEvents(new HoldReleased(SLOT, HOLD, PATIENT))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void anotherPatientCannotReleaseTheHold() {
            fixture.given(opened())
                    .andGivenCommands(hold(PATIENT, HOLD))
                    .when(new ReleaseHold(SLOT, OTHER_PATIENT))
                    .expectException(NotYourHoldException.class)
                    .expectNoEvents()
                    .expectScheduledDeadline(EXPIRES, new HoldExpiry(HOLD));
        }

        @Test
        void cannotReleaseASlotThatIsNotHeld() {
            fixture.given(opened())
                    .when(new ReleaseHold(SLOT, PATIENT))
                    .expectException(NoActiveHoldException.class);
            fixture.given(opened(), held(), new HoldExpired(SLOT, HOLD, PATIENT))
                    .when(new ReleaseHold(SLOT, PATIENT))
                    .expectException(NoActiveHoldException.class);
            fixture.given(opened(), booked())
                    .when(new ReleaseHold(SLOT, PATIENT))
                    .expectException(NoActiveHoldException.class)
                    .expectNoEvents();
        }

        @Test
        void aReleasedSlotCanBeHeldAgain() {
            fixture.given(opened(), held(), new HoldReleased(SLOT, HOLD, PATIENT))
                    .when(hold(OTHER_PATIENT, OTHER_HOLD))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(holdWithItsExpiry(
                            new SlotHeld(SLOT, DOCTOR, OTHER_HOLD, OTHER_PATIENT, START, END, EXPIRES)), andNoMore())))
                    .expectScheduledDeadline(EXPIRES, new HoldExpiry(OTHER_HOLD));
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
        void aReceptionistMayCancelForThePatientEvenWithinTheCutoff() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "patient phoned", BY_RECEPTIONIST, START.minusSeconds(60), false))
                    .expectEvents(cancelled("patient phoned"));
        }

        @Test
        void aReceptionistMayNotBlockTheSlotWhileCancelling() {
            fixture.given(opened(), booked())
                    .when(new CancelBooking(SLOT, "patient phoned", BY_RECEPTIONIST, NOW, true))
                    .expectException(InvalidSlotException.class)
                    .expectNoEvents();
        }

        @Test
        void aReceptionistMayNotBlockOrRemoveSlots() {
            fixture.given(opened())
                    .when(new BlockSlot(SLOT, null, BY_RECEPTIONIST))
                    .expectException(NotYourSlotException.class);
            fixture.given(opened())
                    .when(new RemoveSlot(SLOT, BY_RECEPTIONIST))
                    .expectException(NotYourSlotException.class);
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
    class MovingAFreeSlot {

        private final Instant later = START.plus(Duration.ofHours(2));
        private final Instant laterEnd = later.plus(Duration.ofMinutes(45));

        @Test
        void movesAFreeSlotKeepingItsId() {
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, later, laterEnd, BY_DOCTOR, NOW))
                    .expectEvents(new SlotMoved(SLOT, DOCTOR, later, laterEnd, START, END))
                    .expectResultMessagePayload(new SlotMoved(SLOT, DOCTOR, later, laterEnd, START, END));
        }

        @Test
        void anAdminMayMoveIt() {
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, START, laterEnd, BY_ADMIN, NOW))
                    .expectEvents(new SlotMoved(SLOT, DOCTOR, START, laterEnd, START, END));
        }

        @Test
        void aMovedSlotIsBookedAtItsNewTime() {
            fixture.given(opened(), new SlotMoved(SLOT, DOCTOR, later, laterEnd, START, END))
                    .when(new BookSlot(SLOT, APPOINTMENT, PATIENT))
                    .expectEvents(new SlotBooked(SLOT, DOCTOR, APPOINTMENT, PATIENT, later, laterEnd));
        }

        @Test
        void movingItWhereItIsChangesNothing() {
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, START, END, BY_DOCTOR, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotMoveAHeldBookedBlockedOrRemovedSlot() {
            MoveFreeSlot move = new MoveFreeSlot(SLOT, later, laterEnd, BY_DOCTOR, NOW);
            fixture.given(opened(), held()).when(move).expectException(SlotStateException.class).expectNoEvents();
            fixture.given(opened(), booked()).when(move).expectException(SlotStateException.class).expectNoEvents();
            fixture.given(opened(), blocked()).when(move).expectException(SlotStateException.class).expectNoEvents();
            fixture.given(opened(), new SlotRemoved(SLOT, DOCTOR, START, END)).when(move)
                    .expectException(SlotStateException.class).expectNoEvents();
        }

        @Test
        void anotherDoctorOrAPatientCannotMoveIt() {
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, later, laterEnd, BY_OTHER_DOCTOR, NOW))
                    .expectException(NotYourSlotException.class)
                    .expectNoEvents();
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, later, laterEnd, BY_PATIENT, NOW))
                    .expectException(NotYourSlotException.class)
                    .expectNoEvents();
        }

        @Test
        void theNewIntervalFollowsTheRulesOfAnOpening() {
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, later, later, BY_DOCTOR, NOW))
                    .expectException(invalid("end"));
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, NOW.minusSeconds(60), NOW.plusSeconds(1800), BY_DOCTOR, NOW))
                    .expectException(invalid("start"));
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, later, later.plus(Duration.ofHours(9)), BY_DOCTOR, NOW))
                    .expectException(invalid("end"));
            fixture.given(opened())
                    .when(new MoveFreeSlot(SLOT, null, laterEnd, BY_DOCTOR, NOW))
                    .expectException(invalid("start"))
                    .expectNoEvents();
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

    private static HoldSlot hold(UUID patient, UUID hold) {
        return new HoldSlot(SLOT, hold, patient, NOW);
    }

    /**
     * {@code expected}, carrying the schedule id of its expiry deadline (generated by the deadline manager, so not
     * known in advance; the tests of confirming and releasing a hold prove it is the deadline's).
     */
    private static Matcher<Object> holdWithItsExpiry(SlotHeld expected) {
        return Matchers.matches(payload -> payload instanceof SlotHeld held && held.expiryScheduleId() != null
                && new SlotHeld(held.slotId(), held.doctorId(), held.holdId(), held.patientId(), held.start(),
                held.end(), held.expiresAt()).equals(expected));
    }

    private static SlotHeld held() {
        return new SlotHeld(SLOT, DOCTOR, HOLD, PATIENT, START, END, EXPIRES);
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
