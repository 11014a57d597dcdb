package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** An admin added a doctor, active at once. {@code email} is lower-case. */
public record DoctorOnboarded(@DataSubject UUID doctorId, @PersonalData String email,
                              @PersonalData DoctorProfile profile) {
}
