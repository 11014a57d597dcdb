package com.careslot.api.slot;

import java.util.UUID;

/** Answers a {@link SlotView}, or null when no slot has that id. */
public record GetSlot(UUID slotId) {
}
