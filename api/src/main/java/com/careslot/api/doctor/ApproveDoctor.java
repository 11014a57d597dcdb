package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin accepts a pending application; the doctor becomes active. */
public record ApproveDoctor(@TargetAggregateIdentifier UUID doctorId) {
}
