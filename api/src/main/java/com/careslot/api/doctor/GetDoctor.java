package com.careslot.api.doctor;

import java.time.Instant;
import java.util.UUID;

/** Answers a listed doctor's {@link DoctorView} (next free slot after {@code at}), or none while pending or rejected. */
public record GetDoctor(UUID doctorId, Instant at) {
}
