package com.careslot.command.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The expansion of a rule into slots: lib-recur picks the dates, the zone's rules turn local times into instants. */
class RecurrenceTest {

    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime TEN = LocalTime.of(10, 0);

    @Test
    void opensSlotsOnTheDatesOfTheRuleOnly() {
        Recurrence rule = Recurrence.of("FREQ=WEEKLY;BYDAY=MO,WE,FR", NINE, TEN, 60, 0, LocalDate.of(2027, 1, 4),
                null, "UTC");

        assertThat(starts(rule.slots(LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 10)))).containsExactly(
                "2027-01-04T09:00:00Z", "2027-01-06T09:00:00Z", "2027-01-08T09:00:00Z");
    }

    @Test
    void keepsLocalNineOClockAcrossTheBerlinSpringChange() {
        // Sunday 2027-03-28 at 02:00 CET the clocks go to 03:00 CEST: 09:00 local moves from 08:00Z to 07:00Z
        Recurrence rule = Recurrence.of("FREQ=DAILY", NINE, TEN, 30, 0, LocalDate.of(2027, 3, 1), null,
                "Europe/Berlin");

        List<Interval> slots = rule.slots(LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29));

        assertThat(starts(slots)).containsExactly(
                "2027-03-26T08:00:00Z", "2027-03-26T08:30:00Z",
                "2027-03-27T08:00:00Z", "2027-03-27T08:30:00Z",
                "2027-03-28T07:00:00Z", "2027-03-28T07:30:00Z",
                "2027-03-29T07:00:00Z", "2027-03-29T07:30:00Z");
        assertThat(slots.get(5).end()).isEqualTo(Instant.parse("2027-03-28T08:00:00Z"));
    }

    @Test
    void keepsLocalNineOClockAcrossTheNewYorkSpringChange() {
        // Sunday 2027-03-14 at 02:00 EST the clocks go to 03:00 EDT: 09:00 local moves from 14:00Z to 13:00Z
        Recurrence rule = Recurrence.of("FREQ=WEEKLY;BYDAY=FR,SA,SU,MO", NINE, LocalTime.of(9, 30), 30, 0,
                LocalDate.of(2027, 3, 1), null, "America/New_York");

        assertThat(starts(rule.slots(LocalDate.of(2027, 3, 12), LocalDate.of(2027, 3, 15)))).containsExactly(
                "2027-03-12T14:00:00Z", "2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z");
    }

    @Test
    void leavesOutSlotsThatTheSpringGapWouldCutShort() {
        // 02:00–03:00 does not exist in Berlin on 2027-03-28
        Recurrence rule = Recurrence.of("FREQ=DAILY", LocalTime.of(1, 0), LocalTime.of(4, 0), 30, 0,
                LocalDate.of(2027, 3, 28), null, "Europe/Berlin");

        assertThat(starts(rule.slots(LocalDate.of(2027, 3, 28), LocalDate.of(2027, 3, 28)))).containsExactly(
                "2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z", "2027-03-28T01:30:00Z");
    }

    @Test
    void leavesOutSlotsThatTheAutumnOverlapWouldMakeAmbiguous() {
        // 02:00–03:00 happens twice in Berlin on 2027-10-31
        Recurrence rule = Recurrence.of("FREQ=DAILY", LocalTime.of(1, 0), LocalTime.of(4, 0), 30, 0,
                LocalDate.of(2027, 10, 31), null, "Europe/Berlin");

        assertThat(starts(rule.slots(LocalDate.of(2027, 10, 31), LocalDate.of(2027, 10, 31)))).containsExactly(
                "2027-10-30T23:00:00Z", "2027-10-31T02:00:00Z", "2027-10-31T02:30:00Z");
    }

    @Test
    void separatesSlotsByTheGapAndDropsOneThatWouldEndAfterTheWindow() {
        Recurrence rule = Recurrence.of("FREQ=DAILY", NINE, TEN, 25, 5, LocalDate.of(2027, 1, 4), null, "UTC");

        List<Interval> slots = rule.slots(LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 4));

        assertThat(starts(slots)).containsExactly("2027-01-04T09:00:00Z", "2027-01-04T09:30:00Z");
        assertThat(slots.get(1).end()).isEqualTo(Instant.parse("2027-01-04T09:55:00Z"));
    }

    @Test
    void fillsTheWindowExactlyWhenTheSlotsFit() {
        Recurrence rule = Recurrence.of("FREQ=DAILY", NINE, LocalTime.of(17, 0), 30, 0, LocalDate.of(2027, 1, 4),
                null, "UTC");

        List<Interval> slots = rule.slots(LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 4));

        assertThat(slots).hasSize(16);
        assertThat(slots.get(15).end()).isEqualTo(Instant.parse("2027-01-04T17:00:00Z"));
    }

    @Test
    void anchorsTheRuleAtValidFromWithoutMakingItAnInstance() {
        // validFrom is a Tuesday; every second Monday counts from that week
        Recurrence rule = Recurrence.of("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", NINE, TEN, 60, 0,
                LocalDate.of(2027, 1, 5), null, "UTC");

        assertThat(starts(rule.slots(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 28)))).containsExactly(
                "2027-01-18T09:00:00Z", "2027-02-01T09:00:00Z", "2027-02-15T09:00:00Z");
    }

    @Test
    void countsTheRulesInstancesFromValidFromEvenWhenTheWindowStartsLater() {
        Recurrence rule = Recurrence.of("FREQ=WEEKLY;BYDAY=MO;COUNT=3", NINE, TEN, 60, 0, LocalDate.of(2027, 1, 4),
                null, "UTC");

        assertThat(starts(rule.slots(LocalDate.of(2027, 1, 12), LocalDate.of(2027, 3, 31)))).containsExactly(
                "2027-01-18T09:00:00Z");
    }

    @Test
    void staysWithinValidFromAndValidUntil() {
        Recurrence rule = Recurrence.of("FREQ=DAILY", NINE, TEN, 60, 0, LocalDate.of(2027, 1, 4),
                LocalDate.of(2027, 1, 6), "UTC");

        assertThat(starts(rule.slots(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31)))).containsExactly(
                "2027-01-04T09:00:00Z", "2027-01-05T09:00:00Z", "2027-01-06T09:00:00Z");
    }

    @Test
    void monthlyRulesTakeTheirDayFromTheRule() {
        Recurrence rule = Recurrence.of("FREQ=MONTHLY;BYDAY=1MO", NINE, TEN, 60, 0, LocalDate.of(2027, 1, 1), null,
                "UTC");

        assertThat(starts(rule.slots(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)))).containsExactly(
                "2027-01-04T09:00:00Z", "2027-02-01T09:00:00Z", "2027-03-01T09:00:00Z");
    }

    private static List<String> starts(List<Interval> slots) {
        return slots.stream().map(slot -> slot.start().toString()).toList();
    }
}
