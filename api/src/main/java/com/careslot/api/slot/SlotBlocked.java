package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The slot cannot be booked until it is unblocked. {@code reason} may be null. */
public record SlotBlocked(UUID slotId, UUID doctorId, Instant start, Instant end, String reason) {
}
