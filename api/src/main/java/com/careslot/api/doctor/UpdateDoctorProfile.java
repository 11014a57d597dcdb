package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the given fields of a doctor's profile, by the doctor or an admin. */
public record UpdateDoctorProfile(@TargetAggregateIdentifier UUID doctorId, DoctorProfilePatch patch) {
}
