package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/**
 * A slot as readers see it. {@code appointmentId}, {@code patientId} and {@code appointmentStatus} (the FHIR code:
 * booked, checked-in, fulfilled, noshow) are null unless it is booked.
 */
public record SlotView(UUID slotId, UUID doctorId, Instant start, Instant end, SlotStatus status,
                       UUID appointmentId, UUID patientId, String appointmentStatus) {
}
