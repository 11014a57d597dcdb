package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Books a slot for a patient; the appointment id is chosen by the caller and never changes afterwards. A free slot is
 * booked outright. A slot the patient holds is booked by confirming that hold: {@code holdId}, when given, must be
 * it; without one the patient's hold is confirmed all the same. {@code requestedAt} decides whether a hold is still
 * valid: a hold past its expiry is never confirmed, whether or not its deadline has fired. {@code paymentId} names the
 * Stripe PaymentIntent that paid for the booking: only the payment webhook's path sets it, and a doctor who charges a
 * fee is booked only with one.
 */
public record BookSlot(@TargetAggregateIdentifier UUID slotId, UUID appointmentId, UUID patientId, UUID holdId,
                       Instant requestedAt, String paymentId) {

    /** A booking that quotes no hold. */
    public BookSlot(UUID slotId, UUID appointmentId, UUID patientId) {
        this(slotId, appointmentId, patientId, null, null, null);
    }

    /** A booking that quotes a hold (or none), says nothing about when it was asked, and is not paid online. */
    public BookSlot(UUID slotId, UUID appointmentId, UUID patientId, UUID holdId) {
        this(slotId, appointmentId, patientId, holdId, null, null);
    }

    /** A booking asked at {@code requestedAt}, not paid online. */
    public BookSlot(UUID slotId, UUID appointmentId, UUID patientId, UUID holdId, Instant requestedAt) {
        this(slotId, appointmentId, patientId, holdId, requestedAt, null);
    }
}
