package com.careslot.api.payment;

import java.util.UUID;

/**
 * The payment will not happen: Stripe reported it failed ({@code payment-failed}), or the hold ended first
 * ({@code hold-expired}, {@code hold-released}) and the PaymentIntent was cancelled. The slot is free again.
 */
public record PaymentFailed(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId,
                            String paymentIntentId, long amount, String currency, String reason) {
}
