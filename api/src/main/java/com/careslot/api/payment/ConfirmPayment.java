package com.careslot.api.payment;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe's signed {@code payment_intent.succeeded}: books the held slot through the slot's own {@code BookSlot}
 * (with the payment's id), or, when the slot is no longer the patient's to book, records the payment for a refund.
 * {@code stripeEventId} de-duplicates deliveries; {@code mayBook} false records the payment without trying to book.
 */
public record ConfirmPayment(@TargetAggregateIdentifier UUID appointmentId, String paymentIntentId, long amount,
                             String currency, String stripeEventId, boolean mayBook) {
}
