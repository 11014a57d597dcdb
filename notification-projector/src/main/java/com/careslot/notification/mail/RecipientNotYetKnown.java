package com.careslot.notification.mail;

/**
 * A mail names someone the recipient directory has not heard of yet: the {@code notification-recipients} processor is
 * behind the mail processor (a rebuild of the directory, a restart). Not a failure of the mail: it waits a poll
 * interval, not a retry's back-off, and spends none of its attempts.
 */
class RecipientNotYetKnown extends MailNotSentException {

    RecipientNotYetKnown(String message) {
        super(message);
    }
}
