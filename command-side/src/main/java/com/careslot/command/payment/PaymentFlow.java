package com.careslot.command.payment;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.ConfirmPayment;
import com.careslot.api.payment.FailPayment;
import com.careslot.api.payment.PaymentHandle;
import com.careslot.api.payment.PaymentRequested;
import com.careslot.api.payment.RefundPayment;
import com.careslot.api.payment.RequestPayment;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.ReleaseHold;
import com.careslot.command.Rejection;
import com.careslot.command.slot.Slot;

/**
 * The payment's steps, each in one unit of work (one transaction) with what it changes: the payment's stream, the
 * slot's stream when a payment books or lets go of it, and the row of {@link StripeEvents} that makes a redelivered
 * webhook change nothing. Races between them (a webhook and the hold's expiry, two nodes delivering one webhook,
 * two refunds) are decided by the event store's sequence check on each stream; the loser is retried against the
 * new state and finds its step already taken.
 */
@Component
class PaymentFlow {

    private static final Logger log = LoggerFactory.getLogger(PaymentFlow.class);

    private final Configuration axon;
    private final PaymentSettings settings;
    private final ObjectProvider<StripePayments> stripe;
    private final PaymentTerms terms;
    private final StripeEvents stripeEvents;

    PaymentFlow(Configuration axon, PaymentSettings settings, ObjectProvider<StripePayments> stripe,
                PaymentTerms terms, StripeEvents stripeEvents) {
        this.axon = axon;
        this.settings = settings;
        this.stripe = stripe;
        this.terms = terms;
        this.stripeEvents = stripeEvents;
    }

    /** Creates the PaymentIntent of a fresh hold, or finds it again for the same hold; null when booking is free. */
    @CommandHandler
    public PaymentHandle handle(RequestPayment command) throws Exception {
        Optional<Long> fee = terms.feeFor(command.doctorId());
        if (fee.isEmpty()) {
            return null;
        }
        StripePayments.Intent intent = stripe.getObject().createIntent(command.holdId(), command.appointmentId(),
                command.slotId(), command.doctorId(), command.patientId(), fee.get(), settings.currency());
        PaymentRequested requested = new PaymentRequested(command.appointmentId(), command.slotId(),
                command.holdId(), command.doctorId(), command.patientId(), intent.id(), intent.amount(),
                intent.currency());
        payments().loadOrCreate(command.appointmentId().toString(), Payment::new)
                .execute(payment -> payment.request(requested));
        return new PaymentHandle(intent.id(), intent.amount(), intent.currency(), intent.clientSecret(),
                settings.stripePublishableKey());
    }

    /**
     * Stripe's success: books the held slot through the slot's own BookSlot, or records it for a full refund (the
     * slot is gone, or Stripe reports another amount than the one asked for).
     */
    @CommandHandler
    public void handle(ConfirmPayment command, DeadlineManager deadlineManager) {
        if (!stripeEvents.firstDelivery(command.stripeEventId(), "payment_intent.succeeded")) {
            return;
        }
        Optional<Aggregate<Payment>> found = load(command.appointmentId());
        if (found.isEmpty() || !found.get().invoke(Payment::awaitsStripe)) {
            return;
        }
        Aggregate<Payment> payment = found.get();
        boolean asked = payment.invoke(p -> p.isFor(command.amount(), command.currency()));
        if (!asked) {
            log.warn("PaymentIntent {} succeeded with {} {}, not the amount asked for: not booked, refunded",
                    command.paymentIntentId(), command.amount(), command.currency());
        }
        boolean booked = asked && command.mayBook() && book(payment, deadlineManager);
        payment.execute(p -> p.succeed(command.amount(), booked));
    }

    /** The payment will not happen: cancels the intent at Stripe, records it, and lets go of the hold. */
    @CommandHandler
    public void handle(FailPayment command, DeadlineManager deadlineManager) {
        if (!stripeEvents.firstDelivery(command.stripeEventId(), "payment_intent.payment_failed")) {
            return;
        }
        Optional<Aggregate<Payment>> found = load(command.appointmentId());
        if (found.isEmpty() || !found.get().invoke(Payment::isRequested)) {
            return;
        }
        Aggregate<Payment> payment = found.get();
        if (!stripe.getObject().cancel(payment.invoke(Payment::paymentIntentId))) {
            return; // it succeeded after all: its webhook books the slot or refunds
        }
        payment.execute(p -> p.fail(command.reason()));
        UUID holdId = payment.invoke(Payment::holdId);
        Aggregate<Slot> slot = slots().load(payment.invoke(Payment::slotId).toString());
        if (slot.invoke(s -> s.isHeldUnder(holdId))) {
            slot.execute(s -> s.handle(new ReleaseHold(payment.invoke(Payment::slotId),
                    payment.invoke(Payment::patientId)), deadlineManager));
        }
    }

    /** Gives back {@code percent} of a paid payment through Stripe's Refund API, once. */
    @CommandHandler
    public void handle(RefundPayment command) {
        Optional<Aggregate<Payment>> found = load(command.appointmentId());
        if (found.isEmpty()) {
            return;
        }
        Aggregate<Payment> payment = found.get();
        long due = payment.invoke(p -> p.refundDue(command.percent()));
        if (due <= 0) {
            return;
        }
        String refundId = stripe.getObject().refund(payment.invoke(Payment::paymentIntentId), due,
                "careslot-refund-" + command.appointmentId());
        payment.execute(p -> p.refunded(refundId, due, command.reason()));
    }

    private boolean book(Aggregate<Payment> payment, DeadlineManager deadlineManager) {
        UUID slotId = payment.invoke(Payment::slotId);
        BookSlot book = new BookSlot(slotId, payment.invoke(Payment::appointmentId), payment.invoke(Payment::patientId),
                payment.invoke(Payment::holdId), null, payment.invoke(Payment::paymentIntentId));
        try {
            slots().load(slotId.toString()).execute(slot -> slot.handle(book, deadlineManager));
            return true;
        } catch (Rejection slotGone) {
            return false; // expired and taken, blocked or removed: the money goes back
        }
    }

    /**
     * The appointment's payment, if it was paid online. Most appointments were not: asking the event store for the
     * stream's last sequence number first keeps the repository from logging each of them as a failed load.
     */
    private Optional<Aggregate<Payment>> load(UUID appointmentId) {
        if (axon.eventStore().lastSequenceNumberFor(appointmentId.toString()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(payments().load(appointmentId.toString()));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }

    private Repository<Payment> payments() {
        return axon.repository(Payment.class);
    }

    private Repository<Slot> slots() {
        return axon.repository(Slot.class);
    }
}
