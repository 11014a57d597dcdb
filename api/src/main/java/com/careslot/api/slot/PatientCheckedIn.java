package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The booked patient arrived (FHIR appointment status {@code checked-in}). */
public record PatientCheckedIn(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start, Instant end) {
}
