package com.careslot.command.availability;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * A doctor's recurring availability, checked: the dates are the instances of an RFC 5545 RRULE whose DTSTART is the
 * all-day date {@code validFrom} (expanded by lib-recur, never by hand), and on each date slots of
 * {@code slotMinutes}, {@code gapMinutes} apart, fill the local window {@code [startTime, endTime)} in {@code zone}.
 * <p>
 * What the RRULE may say: FREQ DAILY, WEEKLY, MONTHLY or YEARLY (the window sets the times of day, so no finer FREQ
 * and no BYHOUR, BYMINUTE or BYSECOND); COUNT, counted from {@code validFrom}; no UNTIL, because {@code validUntil} is
 * the one end date and two could disagree; no RSCALE, dates are Gregorian.
 */
final class Recurrence {

    static final int SHORTEST_SLOT = 5;
    static final int LONGEST_SLOT = 480;
    static final int LONGEST_GAP = 240;
    static final int LONGEST_RRULE = 500;
    private static final Set<Freq> DAY_OR_COARSER = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY, Freq.YEARLY);
    private static final String PREFIX = "RRULE:";

    private final RecurrenceRule rule;
    private final LocalTime startTime;
    private final LocalTime endTime;
    private final int slotMinutes;
    private final int gapMinutes;
    private final LocalDate validFrom;
    private final LocalDate validUntil;
    private final ZoneId zone;

    private Recurrence(RecurrenceRule rule, LocalTime startTime, LocalTime endTime, int slotMinutes, int gapMinutes,
                       LocalDate validFrom, LocalDate validUntil, ZoneId zone) {
        this.rule = rule;
        this.startTime = startTime;
        this.endTime = endTime;
        this.slotMinutes = slotMinutes;
        this.gapMinutes = gapMinutes;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.zone = zone;
    }

    /** The rule, or an {@link InvalidAvailabilityException} naming the first offending field. */
    static Recurrence of(String rrule, LocalTime startTime, LocalTime endTime, int slotMinutes, int gapMinutes,
                         LocalDate validFrom, LocalDate validUntil, String zone) {
        RecurrenceRule rule = rule(rrule);
        require(startTime != null, "startTime", "is required");
        require(endTime != null, "endTime", "is required");
        require(wholeMinutes(startTime), "startTime", "must be a time of day in whole minutes (HH:mm)");
        require(wholeMinutes(endTime), "endTime", "must be a time of day in whole minutes (HH:mm)");
        require(endTime.isAfter(startTime), "endTime", "must be after startTime");
        require(slotMinutes >= SHORTEST_SLOT && slotMinutes <= LONGEST_SLOT, "slotMinutes",
                "must be between " + SHORTEST_SLOT + " and " + LONGEST_SLOT);
        require(gapMinutes >= 0 && gapMinutes <= LONGEST_GAP, "gapMinutes", "must be between 0 and " + LONGEST_GAP);
        require(Duration.between(startTime, endTime).toMinutes() >= slotMinutes, "slotMinutes",
                "must fit between startTime and endTime");
        require(validFrom != null, "validFrom", "is required");
        require(validUntil == null || !validUntil.isBefore(validFrom), "validUntil", "must not be before validFrom");
        require(hasDates(rule, validFrom), "rrule", "yields no dates from validFrom on");
        return new Recurrence(rule, startTime, endTime, slotMinutes, gapMinutes, validFrom, validUntil,
                zone(zone));
    }

    /** The RRULE as it is recorded: upper case, parts in a canonical order. */
    String rrule() {
        return rule.toString();
    }

    LocalTime startTime() {
        return startTime;
    }

    LocalTime endTime() {
        return endTime;
    }

    int slotMinutes() {
        return slotMinutes;
    }

    int gapMinutes() {
        return gapMinutes;
    }

    LocalDate validFrom() {
        return validFrom;
    }

    /** The last date of the rule, or null when it runs on. */
    LocalDate validUntil() {
        return validUntil;
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * The slots on the rule's dates from {@code from} through {@code through} (local dates, both included, clipped
     * to the rule's validity), in start order. A slot is converted to instants in the rule's zone, so local 09:00
     * stays 09:00 across a daylight-saving change; a slot that such a change would make ambiguous, cut short or
     * stretch (its local start or end falls in a gap or an overlap of the zone's clock) is left out.
     */
    List<Interval> slots(LocalDate from, LocalDate through) {
        LocalDate first = from.isBefore(validFrom) ? validFrom : from;
        LocalDate last = validUntil != null && validUntil.isBefore(through) ? validUntil : through;
        List<Interval> slots = new ArrayList<>();
        if (first.isAfter(last)) {
            return slots;
        }
        try {
            RecurrenceRuleIterator dates = rule.iterator(allDay(validFrom));
            dates.fastForward(allDay(first));
            while (dates.hasNext()) {
                DateTime instance = dates.nextDateTime();
                LocalDate date = LocalDate.of(instance.getYear(), instance.getMonth() + 1, instance.getDayOfMonth());
                if (date.isAfter(last)) {
                    break;
                }
                if (!date.isBefore(first)) {
                    addSlotsOn(date, slots);
                }
            }
        } catch (IllegalArgumentException noMoreDates) {
            // lib-recur gives up on a rule whose filters leave no instance for a long stretch: its dates have ended
        }
        return slots;
    }

    private void addSlotsOn(LocalDate date, List<Interval> slots) {
        int end = endTime.toSecondOfDay() / 60;
        for (int start = startTime.toSecondOfDay() / 60; start + slotMinutes <= end;
             start += slotMinutes + gapMinutes) {
            LocalDateTime localStart = date.atTime(LocalTime.ofSecondOfDay(start * 60L));
            LocalDateTime localEnd = localStart.plusMinutes(slotMinutes);
            if (unambiguous(localStart) && unambiguous(localEnd)) {
                Interval slot = new Interval(ZonedDateTime.of(localStart, zone).toInstant(),
                        ZonedDateTime.of(localEnd, zone).toInstant());
                if (Duration.between(slot.start(), slot.end()).toMinutes() == slotMinutes) {
                    slots.add(slot);
                }
            }
        }
    }

    private boolean unambiguous(LocalDateTime local) {
        return zone.getRules().getValidOffsets(local).size() == 1;
    }

    private static RecurrenceRule rule(String rrule) {
        require(rrule != null && !rrule.isBlank(), "rrule", "is required");
        String text = rrule.strip();
        require(text.length() <= LONGEST_RRULE, "rrule", "must be at most " + LONGEST_RRULE + " characters");
        if (text.toUpperCase(Locale.ROOT).startsWith(PREFIX)) {
            text = text.substring(PREFIX.length());
        }
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException unreadable) {
            throw new InvalidAvailabilityException("rrule",
                    "must be an RFC 5545 RRULE without DTSTART, such as FREQ=WEEKLY;BYDAY=MO,WE,FR ("
                            + unreadable.getMessage() + ")");
        }
        require(DAY_OR_COARSER.contains(rule.getFreq()), "rrule",
                "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: startTime and endTime set the times of day");
        require(!rule.hasPart(RecurrenceRule.Part.BYHOUR) && !rule.hasPart(RecurrenceRule.Part.BYMINUTE)
                        && !rule.hasPart(RecurrenceRule.Part.BYSECOND), "rrule",
                "must not contain BYHOUR, BYMINUTE or BYSECOND: startTime and endTime set the times of day");
        require(rule.getUntil() == null, "rrule", "must not contain UNTIL: give validUntil instead");
        require(!rule.hasPart(RecurrenceRule.Part.RSCALE), "rrule", "must not contain RSCALE: dates are Gregorian");
        return rule;
    }

    /** Only region ids: an offset knows no daylight saving, and a doctor's hours would drift twice a year. */
    private static ZoneId zone(String zone) {
        require(zone != null && !zone.isBlank(), "timeZone", "is required");
        try {
            ZoneId id = ZoneId.of(zone);
            require(ZoneId.getAvailableZoneIds().contains(id.getId()), "timeZone",
                    "must be an IANA time zone such as Europe/Berlin, not " + zone);
            return id;
        } catch (DateTimeException unknown) {
            throw new InvalidAvailabilityException("timeZone", "The doctor's time zone " + zone + " is unknown");
        }
    }

    /** lib-recur refuses, when it starts iterating, a rule whose filters never leave a date (February 30th). */
    private static boolean hasDates(RecurrenceRule rule, LocalDate validFrom) {
        try {
            return rule.iterator(allDay(validFrom)).hasNext();
        } catch (IllegalArgumentException none) {
            return false;
        }
    }

    private static DateTime allDay(LocalDate date) {
        return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
    }

    private static boolean wholeMinutes(LocalTime time) {
        return time.getSecond() == 0 && time.getNano() == 0;
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidAvailabilityException(field, message);
        }
    }
}
