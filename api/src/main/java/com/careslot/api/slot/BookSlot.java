package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Books a free slot for a patient; the appointment id is chosen by the caller and never changes afterwards. */
public record BookSlot(@TargetAggregateIdentifier UUID slotId, UUID appointmentId, UUID patientId) {
}
