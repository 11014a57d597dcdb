package com.careslot.api.doctor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A doctor as an admin deciding admissions reads them: profile essentials, status, when they registered. */
public record DoctorAdmissionView(UUID doctorId, String fullName, String specialization, String timeZone,
                                  List<String> qualifications, Integer yearsOfExperience, DoctorStatus status,
                                  Instant registeredAt) {
}
