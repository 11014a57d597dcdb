package com.careslot.notification.mail;

import java.time.Instant;
import java.util.List;

/** Events whose mail SMTP refused (the notification-mail outbox's dead letters), oldest first. */
record DeadLetterPage(List<Letter> items, int page, int size, long totalItems) {

    /**
     * One event whose mail could not be sent; {@code id} is the event's id (or a reminder's key), which the retry
     * takes. {@code sequenceIdentifier} is the appointment it belongs to (its mails go out in order, so the later ones
     * wait); {@code sequenceIndex} the outbox position of its first mail; {@code attempts} counts failed tries of its
     * most tried mail; {@code nextAttemptAt} is absent once the retries are used up and only an admin's retry will try
     * again.
     */
    record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex, String eventId,
                  String eventType, String appointmentId, Instant enqueuedAt, Instant lastTouched, int attempts,
                  Instant nextAttemptAt, Cause cause) {
    }

    record Cause(String type, String message) {
    }
}
