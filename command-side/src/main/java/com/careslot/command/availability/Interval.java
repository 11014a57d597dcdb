package com.careslot.command.availability;

import java.time.Instant;

/** One slot a rule opens, {@code [start, end)}. */
record Interval(Instant start, Instant end) {
}
