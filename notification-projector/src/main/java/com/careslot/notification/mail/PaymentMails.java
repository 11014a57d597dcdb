package com.careslot.notification.mail;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;
import com.careslot.notification.recipient.Recipient;

/** The words of the payment mails to the patient: the receipt of a paid booking, and a refund. */
@Component
class PaymentMails {

    private final String clinic;

    PaymentMails(@Value("${careslot.clinic.name:Careslot Clinic}") String clinic) {
        this.clinic = clinic;
    }

    Mail receipt(Recipient to, Recipient doctor, PaymentSucceeded paid) {
        String money = money(paid.amount(), paid.currency());
        Letter letter = new Letter("Hello " + to.fullName() + ",")
                .paragraph("thank you: your payment for the appointment with " + doctor.fullName() + " at " + clinic
                        + " arrived, and the appointment is booked.")
                .detail("Paid", money + " by card through Stripe")
                .detail("Payment", paid.paymentIntentId())
                .detail("Reference", paid.appointmentId().toString());
        letter.closing(clinic);
        return new Mail("Receipt: " + money + " paid for your appointment with " + doctor.fullName(), letter.text(),
                letter.html(), null);
    }

    Mail refund(Recipient to, Recipient doctor, PaymentRefunded refunded) {
        String money = money(refunded.amount(), refunded.currency());
        String why = switch (refunded.reason()) {
            case "slot-taken" -> "your payment arrived after your hold on the time had ended, and the time went to "
                    + "someone else meanwhile, so the appointment could not be booked";
            case "cancelled-by-patient" -> "you cancelled the appointment";
            case "cancelled-by-doctor" -> doctor.fullName() + " had to cancel the appointment";
            default -> "the clinic cancelled the appointment";
        };
        Letter letter = new Letter("Hello " + to.fullName() + ",")
                .paragraph("we refunded your payment for the appointment with " + doctor.fullName() + " at " + clinic
                        + ": " + why + ".")
                .detail("Refunded", money + " to the card you paid with (it shows within 5–10 days)")
                .detail("Refund", refunded.refundId())
                .detail("Payment", refunded.paymentIntentId())
                .detail("Reference", refunded.appointmentId().toString());
        letter.closing(clinic);
        return new Mail("Refund: " + money + " for your appointment with " + doctor.fullName(), letter.text(),
                letter.html(), null);
    }

    /** "EUR 80.00" from 8000 minor units. */
    static String money(long amount, String currency) {
        Currency code = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        return code.getCurrencyCode() + " " + BigDecimal.valueOf(amount, Math.max(code.getDefaultFractionDigits(), 0))
                .toPlainString();
    }
}
