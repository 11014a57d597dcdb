package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin adds a doctor, who is active at once. The doctor sets a password through an invite handled by accounts;
 * credentials never travel in this command.
 */
public record OnboardDoctor(@TargetAggregateIdentifier UUID doctorId, String email, DoctorProfile profile) {
}
