package com.careslot.api.doctor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A listed doctor as patients read it; {@code nextFreeSlot} is null when nothing is free ahead. */
public record DoctorView(UUID doctorId, String fullName, String specialization, String timeZone,
                         List<String> qualifications, Integer yearsOfExperience, BigDecimal fee, String bio,
                         NextFreeSlot nextFreeSlot) {

    public record NextFreeSlot(UUID slotId, Instant start, java.time.Instant end) {
    }
}
