package com.careslot.notification.recipient;

import java.time.ZoneId;
import java.util.UUID;

/** Someone mail goes to. {@code timeZone} is the doctor's zone; a patient has none. */
public record Recipient(UUID accountId, String role, String email, String fullName, String timeZone) {

    /** The doctor's zone, or UTC when it is unknown or not a valid region. */
    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
