package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The appointment took place (FHIR {@code fulfilled}). */
public record AppointmentFulfilled(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start, Instant end) {
}
