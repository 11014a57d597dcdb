package com.careslot.api.availability;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the rule's slots have been opened up to and including the local date {@code through}. */
public record ExtendAvailability(@TargetAggregateIdentifier UUID ruleId, LocalDate through) {
}
