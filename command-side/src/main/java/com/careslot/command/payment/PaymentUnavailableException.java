package com.careslot.command.payment;

import com.stripe.exception.StripeException;

/** Stripe could not be reached or refused a call it should have taken; the message names Stripe's code only. */
public class PaymentUnavailableException extends RuntimeException {

    PaymentUnavailableException(StripeException cause) {
        super("Stripe call failed: " + cause.getClass().getSimpleName() + " " + cause.getCode()
                + " (HTTP " + cause.getStatusCode() + ")");
    }
}
