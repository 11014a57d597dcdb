package com.careslot.api.appointment;

import java.time.Instant;
import java.util.UUID;

/** Every appointment (admins), in start order then id; each filter may be null; the window applies to the start. */
public record FindAppointments(String status, UUID doctorId, Instant from, Instant to, int page, int size) {
}
