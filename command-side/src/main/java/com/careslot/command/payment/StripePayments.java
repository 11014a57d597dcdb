package com.careslot.command.payment;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;

/**
 * The three calls Careslot makes to Stripe, each with an idempotency key derived from what it is for, so a retried
 * call (a redelivered event, a second node) gets Stripe's first answer instead of a second charge or refund.
 */
public class StripePayments {

    private static final Logger log = LoggerFactory.getLogger(StripePayments.class);

    private final StripeClient stripe;

    StripePayments(PaymentSettings settings) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(settings.stripeSecretKey())
                .setMaxNetworkRetries(2).setConnectTimeout(5_000).setReadTimeout(20_000);
        if (settings.apiBase() != null && !settings.apiBase().isBlank()) {
            builder.setApiBase(settings.apiBase());
        }
        this.stripe = builder.build();
    }

    record Intent(String id, String clientSecret, long amount, String currency) {

        @Override
        public String toString() {
            return "Intent[" + id + ", " + amount + " " + currency + "]";
        }
    }

    Intent createIntent(UUID holdId, UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, long amount,
                        String currency) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amount).setCurrency(currency)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .setDescription("Careslot appointment " + appointmentId)
                .putAllMetadata(Map.of("appointment_id", appointmentId.toString(), "slot_id", slotId.toString(),
                        "hold_id", holdId.toString(), "doctor_id", doctorId.toString(),
                        "patient_id", patientId.toString()))
                .build();
        try {
            PaymentIntent intent = stripe.v1().paymentIntents()
                    .create(params, options("careslot-hold-" + holdId));
            return new Intent(intent.getId(), intent.getClientSecret(), intent.getAmount(), intent.getCurrency());
        } catch (StripeException e) {
            throw new PaymentUnavailableException(e);
        }
    }

    /** Cancels an intent nobody may pay any more; false when Stripe says it cannot be (it already succeeded). */
    boolean cancel(String paymentIntentId) {
        try {
            stripe.v1().paymentIntents().cancel(paymentIntentId, PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(),
                    options("careslot-cancel-" + paymentIntentId));
            return true;
        } catch (InvalidRequestException e) {
            log.info("Stripe did not cancel PaymentIntent {}: {} ({})", paymentIntentId, e.getCode(),
                    e.getStripeError() == null ? "" : e.getStripeError().getMessage());
            return false;
        } catch (StripeException e) {
            throw new PaymentUnavailableException(e);
        }
    }

    String refund(String paymentIntentId, long amount, String idempotencyKey) {
        try {
            Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder()
                    .setPaymentIntent(paymentIntentId).setAmount(amount)
                    .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).build(), options(idempotencyKey));
            return refund.getId();
        } catch (StripeException e) {
            throw new PaymentUnavailableException(e);
        }
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
