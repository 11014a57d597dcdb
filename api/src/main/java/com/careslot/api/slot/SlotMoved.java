package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The free slot now covers {@code [start, end)} instead of {@code [previousStart, previousEnd)}. */
public record SlotMoved(UUID slotId, UUID doctorId, Instant start, Instant end, Instant previousStart,
                        Instant previousEnd) {
}
