package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

public record SlotHeld(UUID slotId, UUID doctorId, UUID holdId, UUID patientId, Instant start, Instant end,
                       Instant expiresAt) {
}
