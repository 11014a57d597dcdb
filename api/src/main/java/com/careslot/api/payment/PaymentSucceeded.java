package com.careslot.api.payment;

import java.util.UUID;

/**
 * Stripe confirmed the payment (its signed {@code payment_intent.succeeded} webhook); {@code amount} is what Stripe
 * reports paid. {@code booked} says whether it booked the slot in the same transaction; when it did not (the hold had
 * expired and the slot was gone, or the amount was not the one asked for), a full refund follows at once.
 */
public record PaymentSucceeded(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId,
                               String paymentIntentId, long amount, String currency, boolean booked) {
}
