package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** A slot as readers see it; {@code appointmentId} and {@code patientId} are null unless it is booked. */
public record SlotView(UUID slotId, UUID doctorId, Instant start, Instant end, SlotStatus status,
                       UUID appointmentId, UUID patientId) {
}
