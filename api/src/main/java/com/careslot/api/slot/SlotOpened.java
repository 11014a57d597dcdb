package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

public record SlotOpened(UUID slotId, UUID doctorId, Instant start, Instant end) {
}
