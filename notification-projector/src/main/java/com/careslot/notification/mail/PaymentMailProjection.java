package com.careslot.notification.mail;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;

/**
 * The payment mails, in the same processor and outbox as the appointment mails (in the appointment's order, retried,
 * never sent twice): the patient's receipt when a payment booked the appointment, and a notice of every refund.
 */
@Component
@ProcessingGroup(MailProcessing.GROUP)
class PaymentMailProjection {

    private final MailLog outbox;

    PaymentMailProjection(MailLog outbox) {
        this.outbox = outbox;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentSucceeded event, EventMessage<?> message) {
        if (event.booked()) {
            outbox.owe(List.of(new MailLog.Owed(message.getIdentifier(), event.patientId(), MailType.RECEIPT,
                    event.appointmentId().toString(), MailDetails.paid(event))));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefunded event, EventMessage<?> message) {
        outbox.owe(List.of(new MailLog.Owed(message.getIdentifier(), event.patientId(), MailType.REFUND,
                event.appointmentId().toString(), MailDetails.refunded(event))));
    }
}
