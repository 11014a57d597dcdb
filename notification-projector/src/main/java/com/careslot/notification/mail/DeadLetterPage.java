package com.careslot.notification.mail;

import java.time.Instant;
import java.util.List;

/** Dead letters of the notification-mail processor, oldest first. */
record DeadLetterPage(List<Letter> items, int page, int size, long totalItems) {

    /**
     * One event whose mail could not be sent. {@code sequenceIdentifier} is the appointment it belongs to (its
     * letters are retried in order); {@code attempts} counts failed tries; {@code nextAttemptAt} is absent once the
     * retries are used up and only an admin's retry will try again.
     */
    record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex, String eventId,
                  String eventType, String appointmentId, Instant enqueuedAt, Instant lastTouched, int attempts,
                  Instant nextAttemptAt, Cause cause) {
    }

    record Cause(String type, String message) {
    }
}
