package com.careslot.api.doctor;

/** Doctors in one admission status (applications waiting for a decision, listed, rejected), oldest first. */
public record FindDoctorsByStatus(DoctorStatus status, int page, int size) {
}
