package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/**
 * Cancels the slot's active booking. Its patient (not within the cancellation cutoff before the start), its doctor
 * (always, with a reason) or an admin may. The slot is free again, unless a doctor or admin cancels it as
 * {@code unavailable}: then it is also blocked.
 */
public record CancelBooking(@TargetAggregateIdentifier UUID slotId, String reason, Actor requestedBy,
                            Instant requestedAt, boolean unavailable) {
}
