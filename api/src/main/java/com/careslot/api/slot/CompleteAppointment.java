package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** The appointment took place (after its start); the slot's doctor or an admin. */
public record CompleteAppointment(@TargetAggregateIdentifier UUID slotId, Actor requestedBy, Instant requestedAt) {
}
