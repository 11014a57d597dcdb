package com.careslot.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.payment.PaymentFailed;
import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentRequested;
import com.careslot.api.payment.PaymentStatus;
import com.careslot.api.payment.PaymentSucceeded;

/**
 * The payment of one appointment, in the appointment's own stream (its id is the appointment's, which a reschedule
 * keeps, so the payment moves with the appointment). REQUESTED → PAID (Stripe's webhook) → REFUNDED /
 * PARTIALLY_REFUNDED, or REQUESTED → FAILED (Stripe said so, or the hold ended first); a success that Stripe
 * reports after a failure was recorded still counts (FAILED → PAID). Each step happens once: a repeated or late
 * message finds the step taken and records nothing. Its handlers live in {@link PaymentFlow}, which loads the slot in
 * the same unit of work.
 */
@Aggregate
public class Payment {

    @AggregateIdentifier
    private UUID appointmentId;
    private UUID slotId;
    private UUID holdId;
    private UUID doctorId;
    private UUID patientId;
    private String paymentIntentId;
    private long amount;
    private long paid;
    private String currency;
    private PaymentStatus status;

    Payment() {
        // for event sourcing, and for loadOrCreate
    }

    void request(PaymentRequested requested) {
        if (status == null) {
            apply(requested);
        }
    }

    /** Records Stripe's success once, with the amount Stripe reports paid; false when it was recorded before. */
    boolean succeed(long paidAmount, boolean booked) {
        if (status != PaymentStatus.REQUESTED && status != PaymentStatus.FAILED) {
            return false;
        }
        apply(new PaymentSucceeded(appointmentId, slotId, doctorId, patientId, paymentIntentId, paidAmount, currency,
                booked));
        return true;
    }

    void fail(String reason) {
        if (status == PaymentStatus.REQUESTED) {
            apply(new PaymentFailed(appointmentId, slotId, doctorId, patientId, paymentIntentId, amount, currency,
                    reason));
        }
    }

    /** What {@code percent} of the amount paid is, when it is paid and not refunded yet; 0 otherwise. */
    long refundDue(int percent) {
        return status == PaymentStatus.PAID ? paid * percent / 100 : 0;
    }

    void refunded(String refundId, long refunded, String reason) {
        apply(new PaymentRefunded(appointmentId, slotId, doctorId, patientId, paymentIntentId, refundId, refunded,
                currency,
                reason));
    }

    /** Whether Stripe reports the amount and currency this payment asked for. */
    boolean isFor(long reportedAmount, String reportedCurrency) {
        return reportedAmount == amount && currency.equalsIgnoreCase(reportedCurrency);
    }

    boolean isRequested() {
        return status == PaymentStatus.REQUESTED;
    }

    boolean awaitsStripe() {
        return status == PaymentStatus.REQUESTED || status == PaymentStatus.FAILED;
    }

    UUID appointmentId() {
        return appointmentId;
    }

    UUID slotId() {
        return slotId;
    }

    UUID holdId() {
        return holdId;
    }

    UUID patientId() {
        return patientId;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        appointmentId = event.appointmentId();
        slotId = event.slotId();
        holdId = event.holdId();
        doctorId = event.doctorId();
        patientId = event.patientId();
        paymentIntentId = event.paymentIntentId();
        amount = event.amount();
        currency = event.currency();
        status = PaymentStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentSucceeded event) {
        status = PaymentStatus.PAID;
        paid = event.amount();
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = event.amount() < paid ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
    }
}
