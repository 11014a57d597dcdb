package com.careslot.api.patient;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the patient's personal data was erased (their key is already gone). */
public record ErasePersonalData(@TargetAggregateIdentifier UUID patientId, String reason) {
}
