package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Makes a free slot unbookable (the doctor is away); its doctor or an admin. */
public record BlockSlot(@TargetAggregateIdentifier UUID slotId, String reason, Actor requestedBy) {
}
