package com.careslot.api.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A doctor's recurring availability, as {@link DefineAvailability} describes it; {@code rrule} is normalised. */
public record AvailabilityDefined(UUID ruleId, UUID doctorId, String rrule, LocalTime startTime, LocalTime endTime,
                                  int slotMinutes, int gapMinutes, LocalDate validFrom, LocalDate validUntil,
                                  String zone) {
}
