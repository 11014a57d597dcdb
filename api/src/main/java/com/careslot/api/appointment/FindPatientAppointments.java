package com.careslot.api.appointment;

import java.time.Instant;
import java.util.UUID;

/**
 * A patient's appointments of every status. {@code upcoming}: not yet over at {@code at} (ends after it), soonest
 * first; otherwise past (ended at or before {@code at}), latest first; ties by appointment id.
 */
public record FindPatientAppointments(UUID patientId, boolean upcoming, Instant at, int page, int size) {
}
