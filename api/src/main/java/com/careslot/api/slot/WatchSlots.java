package com.careslot.api.slot;

import java.util.UUID;

/**
 * A subscription to one doctor's slots: the initial answer is a {@link SlotPage} of their upcoming slots, and every
 * later change to one of their slots arrives as a {@link SlotView}.
 */
public record WatchSlots(UUID doctorId) {
}
