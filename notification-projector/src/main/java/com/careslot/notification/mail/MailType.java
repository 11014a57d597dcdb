package com.careslot.notification.mail;

/** The kinds of mail the notification projector sends; the names appear in the notification log and its stats. */
enum MailType {
    BOOKED, RESCHEDULED, CANCELLED, CANCELLED_BY_DOCTOR, REMINDER, RECEIPT, REFUND
}
