package com.careslot.command.slot;

import java.time.Duration;

/**
 * The clinic's booking rules the slot applies: how long before the start a patient may still cancel, how long
 * before the start the front desk may check a patient in, and how long a hold keeps a slot for a patient before it
 * expires. Injected into the slot's command handlers.
 */
public record BookingPolicy(Duration patientCancelCutoff, Duration checkInOpens, Duration holdDuration) {

    public static final BookingPolicy DEFAULT =
            new BookingPolicy(Duration.ofHours(2), Duration.ofHours(1), Duration.ofMinutes(5));

    public BookingPolicy {
        if (holdDuration == null || holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("careslot.booking.hold-duration must be positive, not " + holdDuration);
        }
    }
}
