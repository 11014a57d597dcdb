package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/**
 * Slots ordered by start time (then id), first available first, optionally narrowed to one doctor, the listed
 * doctors of one specialization (its whole name, ignoring case), a status and a window: a slot is in the window
 * when it starts at or after {@code from} and before {@code to}. Every filter may be null; without a status,
 * removed slots are left out.
 */
public record FindSlots(UUID doctorId, String specialization, Instant from, Instant to, SlotStatus status, int page,
                        int size) {

    /** Without a specialization. */
    public FindSlots(UUID doctorId, Instant from, Instant to, SlotStatus status, int page, int size) {
        this(doctorId, null, from, to, status, page, size);
    }
}
