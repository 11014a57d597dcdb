package com.careslot.api.dashboard;

import java.time.Instant;
import java.util.UUID;

/** One doctor's own figures as of {@code at}, in the doctor's time zone: today, this week and the last 12 weeks. */
public record GetDoctorDashboard(UUID doctorId, Instant at) {
}
