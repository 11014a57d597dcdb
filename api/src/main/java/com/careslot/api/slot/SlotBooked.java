package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

public record SlotBooked(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start,
                         Instant end) {
}
