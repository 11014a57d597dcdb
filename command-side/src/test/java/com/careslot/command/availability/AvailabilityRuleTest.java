package com.careslot.command.availability;

import static com.careslot.command.Rejections.invalid;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.careslot.api.availability.AvailabilityDefined;
import com.careslot.api.availability.AvailabilityEnded;
import com.careslot.api.availability.EndAvailability;
import com.careslot.api.availability.AvailabilityExtended;
import com.careslot.api.availability.DefineAvailability;
import com.careslot.api.availability.ExtendAvailability;

class AvailabilityRuleTest {

    private static final UUID RULE = UUID.fromString("a7a11ab1-0000-4000-8000-000000000001");
    private static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000002");
    private static final String WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime FIVE_PM = LocalTime.of(17, 0);
    private static final LocalDate FROM = LocalDate.of(2030, 3, 4);
    private static final LocalDate UNTIL = LocalDate.of(2030, 6, 28);
    private static final String BERLIN = "Europe/Berlin";

    private FixtureConfiguration<AvailabilityRule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AvailabilityRule.class);
    }

    @Nested
    class Ending {

        private final java.time.Instant at = java.time.Instant.parse("2030-04-01T10:00:00Z");

        @Test
        void recordsThatTheRuleEndsWithItsDoctor() {
            fixture.given(defined())
                    .when(new EndAvailability(RULE, at))
                    .expectEvents(new AvailabilityEnded(RULE, DOCTOR, at));
        }

        @Test
        void endingAnEndedRuleRecordsNothing() {
            fixture.given(defined(), new AvailabilityEnded(RULE, DOCTOR, at))
                    .when(new EndAvailability(RULE, at.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Defining {

        @Test
        void recordsTheRuleWithItsRruleNormalised() {
            fixture.givenNoPriorActivity()
                    .when(new DefineAvailability(RULE, DOCTOR, "RRULE:freq=weekly;byday=mo,tu,we,th,fr", NINE,
                            FIVE_PM, 30, 0, FROM, UNTIL, BERLIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(defined());
        }

        @Test
        void acceptsAnOpenEndedRuleWithACount() {
            fixture.givenNoPriorActivity()
                    .when(new DefineAvailability(RULE, DOCTOR, "FREQ=DAILY;COUNT=10", NINE, FIVE_PM, 20, 10, FROM,
                            null, BERLIN))
                    .expectEvents(new AvailabilityDefined(RULE, DOCTOR, "FREQ=DAILY;COUNT=10", NINE, FIVE_PM, 20, 10,
                            FROM, null, BERLIN));
        }

        @Test
        void refusesAnUnreadableRrule() {
            refuses(define("FREQ=WEEKLY;BYDAY=XX"), "rrule");
            refuses(define("every monday"), "rrule");
            refuses(define("DTSTART:20300304T090000Z\nRRULE:FREQ=DAILY"), "rrule");
        }

        @Test
        void refusesAFrequencyFinerThanDaily() {
            refuses(define("FREQ=HOURLY"), "rrule");
            refuses(define("FREQ=MINUTELY;INTERVAL=30"), "rrule");
        }

        @Test
        void refusesTimesOfDayInTheRrule() {
            refuses(define("FREQ=DAILY;BYHOUR=9"), "rrule");
        }

        @Test
        void refusesAnUntilBecauseValidUntilIsTheOneEndDate() {
            refuses(define("FREQ=WEEKLY;BYDAY=MO;UNTIL=20300630"), "rrule");
        }

        @Test
        void refusesARuleWithoutAnyDate() {
            refuses(define("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "rrule");
        }

        @Test
        void refusesAWindowThatEndsBeforeItStarts() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, FIVE_PM, NINE, 30, 0, FROM, UNTIL, BERLIN),
                    "endTime");
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, NINE, 30, 0, FROM, UNTIL, BERLIN),
                    "endTime");
        }

        @Test
        void refusesAWindowShorterThanOneSlot() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, LocalTime.of(9, 20), 30, 0, FROM, UNTIL,
                    BERLIN), "slotMinutes");
        }

        @Test
        void refusesSlotsShorterThanFiveMinutesOrLongerThanEightHours() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 4, 0, FROM, UNTIL, BERLIN),
                    "slotMinutes");
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, LocalTime.MIN, LocalTime.of(23, 0), 481, 0, FROM,
                    UNTIL, BERLIN), "slotMinutes");
        }

        @Test
        void refusesANegativeOrLongGap() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, -1, FROM, UNTIL, BERLIN),
                    "gapMinutes");
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, 241, FROM, UNTIL, BERLIN),
                    "gapMinutes");
        }

        @Test
        void refusesTimesWithSeconds() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, LocalTime.of(9, 0, 30), FIVE_PM, 30, 0, FROM,
                    UNTIL, BERLIN), "startTime");
        }

        @Test
        void refusesAValidityThatEndsBeforeItStarts() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, 0, FROM, FROM.minusDays(1),
                    BERLIN), "validUntil");
        }

        @Test
        void refusesAnUnknownTimeZoneOrAnOffset() {
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, 0, FROM, UNTIL,
                    "Mars/Olympus_Mons"), "timeZone");
            refuses(new DefineAvailability(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, 0, FROM, UNTIL, "+02:00"),
                    "timeZone");
        }

        @Test
        void refusesWithoutADoctor() {
            refuses(new DefineAvailability(RULE, null, WEEKDAYS, NINE, FIVE_PM, 30, 0, FROM, UNTIL, BERLIN),
                    "doctorId");
        }

        private void refuses(DefineAvailability command, String field) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectException(invalid(field))
                    .expectNoEvents();
        }
    }

    @Nested
    class Extending {

        @Test
        void recordsHowFarTheSlotsAreOpen() {
            fixture.given(defined())
                    .when(new ExtendAvailability(RULE, LocalDate.of(2030, 4, 28)))
                    .expectEvents(new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 28)));
        }

        @Test
        void movesOnFromTheLastExtension() {
            fixture.given(defined(), new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 28)))
                    .when(new ExtendAvailability(RULE, LocalDate.of(2030, 4, 29)))
                    .expectEvents(new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 29)));
        }

        @Test
        void recordsNothingForADateAlreadyReachedAsWhenASecondNodeExtendsToo() {
            fixture.given(defined(), new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 28)))
                    .when(new ExtendAvailability(RULE, LocalDate.of(2030, 4, 28)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(defined(), new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 28)))
                    .when(new ExtendAvailability(RULE, LocalDate.of(2030, 4, 1)))
                    .expectNoEvents();
        }

        @Test
        void refusesToExtendBeyondTheLastValidDate() {
            fixture.given(defined())
                    .when(new ExtendAvailability(RULE, UNTIL.plusDays(1)))
                    .expectException(invalid("through"))
                    .expectNoEvents();
        }

        @Test
        void refusesToExtendToADateBeforeTheRuleBegins() {
            fixture.given(defined())
                    .when(new ExtendAvailability(RULE, FROM.minusDays(1)))
                    .expectException(invalid("through"))
                    .expectNoEvents();
        }
    }

    private static DefineAvailability define(String rrule) {
        return new DefineAvailability(RULE, DOCTOR, rrule, NINE, FIVE_PM, 30, 0, FROM, UNTIL, BERLIN);
    }

    private static AvailabilityDefined defined() {
        return new AvailabilityDefined(RULE, DOCTOR, WEEKDAYS, NINE, FIVE_PM, 30, 0, FROM, UNTIL, BERLIN);
    }
}
