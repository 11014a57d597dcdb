package com.careslot.command.slot;

import java.time.Duration;

/**
 * The clinic's booking rules the slot applies: how long before the start a patient may still cancel, and how long
 * before the start the front desk may check a patient in. Injected into the slot's command handlers.
 */
public record BookingPolicy(Duration patientCancelCutoff, Duration checkInOpens) {

    public static final BookingPolicy DEFAULT = new BookingPolicy(Duration.ofHours(2), Duration.ofHours(1));
}
