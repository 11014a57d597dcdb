package com.careslot.notification.mail;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;

/**
 * What a mail in the outbox will say, fixed when its event is handled: the appointment as the mail processor saw it
 * then (a later move must not change the words or the invite's SEQUENCE of an earlier mail), the event's time (the
 * invite's DTSTAMP), who cancelled and why, or the payment. Rendered, with the recipients' names and addresses from
 * the directory, when the mail is sent. Stored as JSON in {@code notification.mail_log.details}.
 */
record MailDetails(UUID patientId, UUID doctorId, AppointmentMailState appointment, Instant stamp,
                   AppointmentMails.Cancellation cancellation, PaymentSucceeded paid, PaymentRefunded refunded) {

    static MailDetails of(AppointmentMailState appointment, Instant stamp) {
        return new MailDetails(appointment.patientId(), appointment.doctorId(), appointment, stamp, null, null, null);
    }

    static MailDetails cancelled(AppointmentMailState appointment, AppointmentMails.Cancellation cancellation,
                                 Instant stamp) {
        return new MailDetails(appointment.patientId(), appointment.doctorId(), appointment, stamp, cancellation, null,
                null);
    }

    static MailDetails paid(PaymentSucceeded paid) {
        return new MailDetails(paid.patientId(), paid.doctorId(), null, null, null, paid, null);
    }

    static MailDetails refunded(PaymentRefunded refunded) {
        return new MailDetails(refunded.patientId(), refunded.doctorId(), null, null, null, null, refunded);
    }
}
