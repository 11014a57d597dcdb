package com.careslot.notification.mail;

import com.careslot.notification.recipient.Recipient;

/** The two people an appointment concerns. */
record Parties(Recipient patient, Recipient doctor) {
}
