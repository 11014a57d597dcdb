package com.careslot.api.payment;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment will not happen ({@code payment-failed} from Stripe's webhook, {@code hold-expired} or
 * {@code hold-released} when the hold ended first): the PaymentIntent is cancelled and the hold let go.
 * {@code stripeEventId} (null when not from a webhook) de-duplicates deliveries.
 */
public record FailPayment(@TargetAggregateIdentifier UUID appointmentId, String reason, String stripeEventId) {
}
