package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The booked patient did not come (FHIR {@code noshow}). */
public record PatientNoShow(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start, Instant end) {
}
