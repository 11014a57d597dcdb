package com.careslot.api.payment;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Refunds {@code percent} of a succeeded payment through Stripe's Refund API (idempotency key derived from the
 * appointment), once: a payment already refunded stays as it is.
 */
public record RefundPayment(@TargetAggregateIdentifier UUID appointmentId, int percent, String reason) {
}
