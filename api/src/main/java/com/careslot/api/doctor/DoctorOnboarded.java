package com.careslot.api.doctor;

import java.util.UUID;

/** An admin added a doctor, active at once. {@code email} is lower-case. */
public record DoctorOnboarded(UUID doctorId, String email, DoctorProfile profile) {
}
