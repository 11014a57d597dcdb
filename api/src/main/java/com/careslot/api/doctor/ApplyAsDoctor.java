package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A doctor registers themselves and waits, pending, until an admin approves or rejects the application. */
public record ApplyAsDoctor(@TargetAggregateIdentifier UUID doctorId, String email, DoctorProfile profile) {
}
