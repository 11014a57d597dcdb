package com.careslot.api.payment;

import java.util.UUID;

/**
 * Money went back through Stripe's Refund API: {@code amount} of the payment (all of it, or the policy's share),
 * for {@code reason}: {@code slot-taken} (paid after the slot went to someone else), {@code cancelled-by-patient},
 * {@code cancelled-by-doctor} or {@code cancelled-by-admin}.
 */
public record PaymentRefunded(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId,
                              String paymentIntentId, String refundId, long amount, String currency,
                              String reason) {
}
