package com.careslot.api.doctor;

import java.util.UUID;

/** A doctor registered themselves and is pending an admin's decision. {@code email} is lower-case. */
public record DoctorApplied(UUID doctorId, String email, DoctorProfile profile) {
}
