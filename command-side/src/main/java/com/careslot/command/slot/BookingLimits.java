package com.careslot.command.slot;

import java.time.Duration;

/**
 * The clinic's limits on a patient's bookings and holds: at least {@code minimumNotice} before the start (default 1
 * hour), at most {@code maximumAdvance} ahead (default 90 days), at most {@code maximumActiveAppointments} upcoming
 * ones (default 5), and at most {@code maximumActiveHolds} slots held at once (default 1). Enforced by
 * {@link PatientCalendar} and {@link PatientHolds} in the transaction that appends the booking or the hold.
 */
public record BookingLimits(Duration minimumNotice, Duration maximumAdvance, int maximumActiveAppointments,
                            int maximumActiveHolds) {

    public BookingLimits {
        if (maximumActiveHolds < 0) {
            throw new IllegalArgumentException("careslot.booking.maximum-active-holds must not be negative, not "
                    + maximumActiveHolds);
        }
    }
}
