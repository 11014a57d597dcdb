package com.careslot.api.payment;

import java.util.UUID;

/**
 * A Stripe PaymentIntent was created for the fee of a held slot; the appointment it will book has this id (the
 * payment's stream is the appointment's). {@code amount} is in the currency's smallest unit (cents). No card data
 * and no client secret, ever: only amounts, currency and Stripe's ids.
 */
public record PaymentRequested(UUID appointmentId, UUID slotId, UUID holdId, UUID doctorId, UUID patientId,
                               String paymentIntentId, long amount, String currency) {
}
