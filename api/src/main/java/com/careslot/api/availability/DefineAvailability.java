package com.careslot.api.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a doctor's recurring availability: on every date of {@code rrule} (an RFC 5545 RRULE without DTSTART,
 * anchored at {@code validFrom}), slots of {@code slotMinutes} separated by {@code gapMinutes} fill the local window
 * {@code [startTime, endTime)} in {@code zone}, the doctor's IANA time zone. {@code validUntil} is optional.
 */
public record DefineAvailability(@TargetAggregateIdentifier UUID ruleId, UUID doctorId, String rrule,
                                 LocalTime startTime, LocalTime endTime, int slotMinutes, int gapMinutes,
                                 LocalDate validFrom, LocalDate validUntil, String zone) {
}
