package com.careslot.command.payment;

import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.FailPayment;
import com.careslot.api.payment.PaymentSucceeded;
import com.careslot.api.payment.RefundPayment;
import com.careslot.api.payment.RequestPayment;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldReleased;
import com.careslot.platform.security.CallerMetadata;

/**
 * What follows a payment's facts, in the {@code payment-follow-up} processor (from the head of the store, never
 * replayed: each step calls Stripe, with an idempotency key, and records itself once): a hold that ends unpaid
 * cancels its PaymentIntent; a payment that could not book its slot is refunded in full; a cancelled paid
 * appointment is refunded by the policy. A failure (Stripe unreachable) stops the processor on that event until
 * it goes through.
 */
@Component
@ProcessingGroup(PaymentFollowUp.GROUP)
@DisallowReplay
class PaymentFollowUp {

    static final String GROUP = "payment-follow-up";

    private final CommandGateway commandGateway;
    private final PaymentSettings settings;
    private final RefundPolicy refundPolicy;

    PaymentFollowUp(CommandGateway commandGateway, PaymentSettings settings, RefundPolicy refundPolicy) {
        this.commandGateway = commandGateway;
        this.settings = settings;
        this.refundPolicy = refundPolicy;
    }

    @EventHandler
    void on(HoldExpired event) {
        if (settings.configured()) {
            commandGateway.sendAndWait(
                    new FailPayment(RequestPayment.appointmentFor(event.holdId()), "hold-expired", null));
        }
    }

    @EventHandler
    void on(HoldReleased event) {
        if (settings.configured()) {
            commandGateway.sendAndWait(
                    new FailPayment(RequestPayment.appointmentFor(event.holdId()), "hold-released", null));
        }
    }

    @EventHandler
    void on(PaymentSucceeded event) {
        if (!event.booked()) {
            commandGateway.sendAndWait(new RefundPayment(event.appointmentId(), 100, "slot-taken"));
        }
    }

    @EventHandler
    void on(BookingCancelled event, @Timestamp Instant cancelledAt,
            @MetaDataValue(CallerMetadata.ACTOR_ROLE) String role) {
        if (settings.configured()) {
            RefundPolicy.Refund refund = refundPolicy.onCancel(role, cancelledAt, event.start());
            commandGateway.sendAndWait(new RefundPayment(event.appointmentId(), refund.percent(), refund.reason()));
        }
    }
}
