package com.careslot.api.payment;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for the fee of the slot just held by {@code patientId}: when the doctor charges one and takes payments, a
 * Stripe PaymentIntent is created (its idempotency key derived from the hold) and recorded. Answers the
 * {@link PaymentHandle} for the page, or nothing when the booking is free.
 */
public record RequestPayment(@TargetAggregateIdentifier UUID appointmentId, UUID slotId, UUID holdId, UUID doctorId,
                             UUID patientId) {

    /** The payment of a hold: its appointment id is derived from the hold, so asking twice finds one payment. */
    public static RequestPayment forHold(UUID slotId, UUID holdId, UUID doctorId, UUID patientId) {
        return new RequestPayment(appointmentFor(holdId), slotId, holdId, doctorId, patientId);
    }

    public static UUID appointmentFor(UUID holdId) {
        return UUID.nameUUIDFromBytes(("careslot:paid-appointment:" + holdId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
