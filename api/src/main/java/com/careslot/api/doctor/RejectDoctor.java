package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin turns down a pending application, saying why. */
public record RejectDoctor(@TargetAggregateIdentifier UUID doctorId, String reason) {
}
