package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The holding patient lets their hold go; the slot is free again at once. */
public record ReleaseHold(@TargetAggregateIdentifier UUID slotId, UUID patientId) {
}
