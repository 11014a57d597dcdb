package com.careslot.api.appointment;

import java.time.Instant;
import java.util.UUID;

/**
 * A doctor's appointments starting in {@code [from, to)}, in start order (then id), of one FHIR {@code status} or
 * all (null). A null {@code from} is the start of the day of {@code at} in the doctor's time zone, a null {@code to}
 * seven days after {@code from}.
 */
public record FindDoctorAppointments(UUID doctorId, Instant from, Instant to, String status, Instant at, int page,
                                     int size) {
}
