package com.careslot.api.patient;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A patient signs up; the password is not part of it (credentials are never event-sourced). */
public record RegisterPatient(@TargetAggregateIdentifier UUID patientId, String email, String fullName,
                              String phone) {
}
