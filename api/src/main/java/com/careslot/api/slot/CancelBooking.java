package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels the slot's active booking; the slot becomes free again. */
public record CancelBooking(@TargetAggregateIdentifier UUID slotId, String reason) {
}
