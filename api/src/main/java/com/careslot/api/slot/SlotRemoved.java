package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The slot left the calendar for good; its period is free for another slot. */
public record SlotRemoved(UUID slotId, UUID doctorId, Instant start, Instant end) {
}
