package com.careslot.command.slot;

import java.time.Duration;

/**
 * The clinic's limits on a patient's bookings: at least {@code minimumNotice} before the start (default 1 hour), at
 * most {@code maximumAdvance} ahead (default 90 days), at most {@code maximumActiveAppointments} upcoming ones
 * (default 5). Enforced by {@link PatientCalendar} in the booking's transaction.
 */
public record BookingLimits(Duration minimumNotice, Duration maximumAdvance, int maximumActiveAppointments) {
}
