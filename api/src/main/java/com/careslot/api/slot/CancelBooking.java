package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/**
 * Cancels the slot's active booking; the slot becomes free again. Its patient, its doctor or an admin may;
 * {@code requestedBy} says who asks.
 */
public record CancelBooking(@TargetAggregateIdentifier UUID slotId, String reason, Actor requestedBy) {
}
