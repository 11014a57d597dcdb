package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a bookable interval {@code [start, end)} in a doctor's calendar. {@code requestedAt} is the caller's clock,
 * so the slot's rules ("in the future") are decided deterministically.
 */
public record OpenSlot(@TargetAggregateIdentifier UUID slotId, UUID doctorId, Instant start, Instant end,
                       Instant requestedAt) {
}
