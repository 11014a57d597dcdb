package com.careslot.command.payment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.payment.ConfirmPayment;
import com.careslot.api.payment.FailPayment;
import com.careslot.command.Rejection;
import com.careslot.platform.web.Problems;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Stripe's webhook. The signature is checked by Stripe's own {@link Webhook#constructEvent} with the clinic's
 * webhook secret and a tolerance window; a bad one answers 400 and records nothing. {@code payment_intent.succeeded}
 * books (or refunds), {@code payment_intent.payment_failed} lets the hold go; every other type is acknowledged and
 * ignored. A redelivered event is acknowledged and changes nothing ({@link StripeEvents}).
 */
@RestController
@Tag(name = "Payments")
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final CommandGateway commandGateway;
    private final PaymentSettings settings;
    private final Clock clock;

    StripeWebhookController(CommandGateway commandGateway, PaymentSettings settings, Clock clock) {
        this.commandGateway = commandGateway;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/api/payments/stripe/webhook")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Stripe's webhook (called by Stripe, signed with the clinic's webhook secret)",
            description = "400 invalid-signature when the Stripe-Signature header does not verify or is outside the "
                    + "tolerance window; 404 when payments are not configured; 200 otherwise, also for event types "
                    + "Careslot ignores and for events it has seen before.")
    ResponseEntity<?> receive(@RequestBody(required = false) String payload,
                              @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        if (!settings.configured()) {
            return problem(HttpStatus.NOT_FOUND, "payments-off", "Payments off",
                    "This clinic does not take payments online.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload == null ? "" : payload, signature == null ? "" : signature,
                    settings.stripeWebhookSecret(), settings.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException | RuntimeException invalid) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-signature", "Invalid signature",
                    "The Stripe-Signature header does not verify this payload.");
            problem.setProperty("errors", List.of(Map.of("field", "Stripe-Signature",
                    "message", "does not verify the payload with the webhook secret within the tolerance")));
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        switch (event.getType()) {
            case "payment_intent.succeeded" -> intent(event).ifPresentOrElse(intent -> succeeded(event, intent),
                    () -> ignored(event));
            case "payment_intent.payment_failed" -> intent(event).ifPresentOrElse(intent ->
                    commandGateway.sendAndWait(new FailPayment(appointment(intent), "payment-failed", event.getId())),
                    () -> ignored(event));
            default -> ignored(event);
        }
        return ResponseEntity.ok(Map.of("received", true));
    }

    private void succeeded(Event event, PaymentIntent intent) {
        long received = intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount();
        ConfirmPayment confirm = new ConfirmPayment(appointment(intent), intent.getId(), received,
                intent.getCurrency(), event.getId(), true);
        try {
            commandGateway.sendAndWait(confirm);
        } catch (Rejection bookingRefused) {
            withoutBooking(confirm, bookingRefused);
        } catch (CommandExecutionException failure) {
            if (failure.getDetails().isEmpty()) {
                throw failure; // not a rule but a fault: Stripe gets a 5xx and delivers the event again later
            }
            withoutBooking(confirm, failure);
        }
    }

    /**
     * The slot was the patient's, but booking it broke a rule checked at commit (an overlapping appointment, the
     * booking limits): the payment is recorded without the booking, and refunded.
     */
    private void withoutBooking(ConfirmPayment confirm, RuntimeException refusal) {
        log.info("Paid appointment {} could not be booked: {}", confirm.appointmentId(), refusal.getMessage());
        commandGateway.sendAndWait(new ConfirmPayment(confirm.appointmentId(), confirm.paymentIntentId(),
                confirm.amount(), confirm.currency(), confirm.stripeEventId(), false));
    }

    private static Optional<PaymentIntent> intent(Event event) {
        StripeObject object = event.getDataObjectDeserializer().getObject()
                .orElseGet(() -> {
                    try {
                        return event.getDataObjectDeserializer().deserializeUnsafe();
                    } catch (Exception unreadable) {
                        return null;
                    }
                });
        if (object instanceof PaymentIntent intent && intent.getMetadata() != null
                && intent.getMetadata().get("appointment_id") != null) {
            try {
                UUID.fromString(intent.getMetadata().get("appointment_id"));
                return Optional.of(intent);
            } catch (IllegalArgumentException notOurs) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static UUID appointment(PaymentIntent intent) {
        return UUID.fromString(intent.getMetadata().get("appointment_id"));
    }

    private static void ignored(Event event) {
        log.debug("Stripe event {} of type {} acknowledged and ignored", event.getId(), event.getType());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String title,
                                                         String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, code, title, detail));
    }
}
