package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The slot is free again. */
public record SlotUnblocked(UUID slotId, UUID doctorId, Instant start, Instant end) {
}
