package com.careslot.api.doctor;

import java.time.Instant;

/**
 * Listed (active) doctors ordered by name (ignoring case), then id. {@code specialization} matches the whole name
 * ignoring case; {@code name} matches any part of the full name ignoring case; either may be null. Each doctor comes
 * with the first free slot that starts after {@code at}.
 */
public record FindDoctors(String specialization, String name, Instant at, int page, int size) {
}
