package com.careslot.api.patient;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The patient proved the email address with the emailed code. */
public record ConfirmPatientEmail(@TargetAggregateIdentifier UUID patientId) {
}
