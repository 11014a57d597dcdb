package com.careslot.command.availability;

import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a doctor asks for: {@code rrule} picks the dates, {@code [startTime, endTime)} is the window on each, in local
 * time of the doctor's zone; {@code gapMinutes} defaults to 0 and {@code validUntil} to open-ended.
 */
record AvailabilityTerms(@NotBlank @Size(max = Recurrence.LONGEST_RRULE) String rrule,
                         @NotNull LocalTime startTime,
                         @NotNull LocalTime endTime,
                         @NotNull @Min(Recurrence.SHORTEST_SLOT) @Max(Recurrence.LONGEST_SLOT) Integer slotMinutes,
                         @Min(0) @Max(Recurrence.LONGEST_GAP) Integer gapMinutes,
                         @NotNull LocalDate validFrom,
                         LocalDate validUntil) {

    Recurrence in(String zone) {
        return Recurrence.of(rrule, startTime, endTime, slotMinutes == null ? 0 : slotMinutes,
                gapMinutes == null ? 0 : gapMinutes, validFrom, validUntil, zone);
    }
}
