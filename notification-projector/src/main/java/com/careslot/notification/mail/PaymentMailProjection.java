package com.careslot.notification.mail;

import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;
import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;

/**
 * The payment mails, in the same processor as the appointment mails (sequenced per appointment, retried, never
 * sent twice): the patient's receipt when a payment booked the appointment, and a notice of every refund.
 */
@Component
@ProcessingGroup(MailProcessing.GROUP)
class PaymentMailProjection {

    private final RecipientDirectory directory;
    private final PaymentMails mails;
    private final MailDelivery delivery;

    PaymentMailProjection(RecipientDirectory directory, PaymentMails mails, MailDelivery delivery) {
        this.directory = directory;
        this.mails = mails;
        this.delivery = delivery;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentSucceeded event, EventMessage<?> message) {
        if (event.booked()) {
            Recipient patient = recipient(event.patientId());
            delivery.deliver(message.getIdentifier(), patient, MailType.RECEIPT,
                    mails.receipt(patient, recipient(event.doctorId()), event));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefunded event, EventMessage<?> message) {
        Recipient patient = recipient(event.patientId());
        delivery.deliver(message.getIdentifier(), patient, MailType.REFUND,
                mails.refund(patient, recipient(event.doctorId()), event));
    }

    private Recipient recipient(UUID accountId) {
        return directory.find(accountId).orElseThrow(() -> new MailNotSentException(
                "Account " + accountId + " is not in the recipient directory yet"));
    }
}
