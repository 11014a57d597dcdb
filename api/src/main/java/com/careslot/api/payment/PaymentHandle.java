package com.careslot.api.payment;

/**
 * What the page needs to confirm a payment with Stripe.js: the PaymentIntent's client secret (never stored, never
 * logged) and the clinic's publishable key.
 */
public record PaymentHandle(String paymentIntentId, long amount, String currency, String clientSecret,
                            String publishableKey) {

    @Override
    public String toString() {
        return "PaymentHandle[" + paymentIntentId + ", " + amount + " " + currency + "]";
    }
}
