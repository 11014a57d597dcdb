package com.careslot.notification.mail;

/**
 * A mail could not be handed to the SMTP server, or its recipient is not known yet. Thrown out of the mail handlers so
 * that the event goes to the dead-letter queue and is tried again later.
 */
class MailNotSentException extends RuntimeException {

    MailNotSentException(String message, Throwable cause) {
        super(message, cause);
    }

    MailNotSentException(String message) {
        super(message);
    }
}
