package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Books a slot for a patient; the appointment id is chosen by the caller and never changes afterwards. A free slot is
 * booked outright. A slot the patient holds is booked by confirming that hold: {@code holdId}, when given, must be
 * it; without one the patient's hold is confirmed all the same.
 */
public record BookSlot(@TargetAggregateIdentifier UUID slotId, UUID appointmentId, UUID patientId, UUID holdId) {

    /** A booking that quotes no hold. */
    public BookSlot(UUID slotId, UUID appointmentId, UUID patientId) {
        this(slotId, appointmentId, patientId, null);
    }
}
