package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** The booked patient did not come (after the start); the slot's doctor or an admin. */
public record MarkNoShow(@TargetAggregateIdentifier UUID slotId, Actor requestedBy, Instant requestedAt) {
}
