package com.careslot.notification.mail;

import java.time.Instant;
import java.util.List;

/** The caller's own notifications, newest first. */
record NotificationPage(List<Notification> items, int page, int size, long totalItems) {

    /**
     * One mail to the caller. {@code status}: PENDING (not tried yet), SENT, FAILED (a retry is due) or DEAD_LETTERED
     * (retries used up; an admin may retry it). {@code subject} is absent until the mail is written, when it is first
     * sent or tried; {@code sentAt} is set once it is sent.
     */
    record Notification(long id, String type, String subject, String status, Instant createdAt, Instant sentAt) {
    }
}
