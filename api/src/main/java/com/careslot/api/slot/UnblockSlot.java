package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Makes a blocked slot bookable again; its doctor or an admin. */
public record UnblockSlot(@TargetAggregateIdentifier UUID slotId, Actor requestedBy) {
}
