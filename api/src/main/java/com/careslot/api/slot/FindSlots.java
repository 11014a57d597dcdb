package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/**
 * Slots ordered by start time (then id), optionally narrowed to one doctor, a status and a window: a slot is in
 * the window when it starts at or after {@code from} and before {@code to}. Every filter may be null; without a
 * status, removed slots are left out.
 */
public record FindSlots(UUID doctorId, Instant from, Instant to, SlotStatus status, int page, int size) {
}
