package com.careslot.api.availability;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The rule opens no more slots from {@code endedAt} on; its doctor or an admin. */
public record EndAvailability(@TargetAggregateIdentifier UUID ruleId, Instant endedAt) {
}
