package com.careslot.api.doctor;

import java.util.UUID;

/** The doctor's profile changed; {@code profile} is the whole profile after the change, not only what changed. */
public record DoctorProfileUpdated(UUID doctorId, DoctorProfile profile) {
}
