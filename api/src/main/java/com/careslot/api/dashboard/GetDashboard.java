package com.careslot.api.dashboard;

import java.time.Instant;

/**
 * The admin's figures as of {@code at}: bookings per UTC day for the 30 days ending with {@code at}'s day, a page of
 * per-doctor utilization ({@code page}, {@code size}) and the {@code top} busiest specializations.
 */
public record GetDashboard(Instant at, int page, int size, int top) {
}
