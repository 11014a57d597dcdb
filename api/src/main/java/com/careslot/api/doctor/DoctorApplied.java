package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** A doctor registered themselves and is pending an admin's decision. {@code email} is lower-case. */
public record DoctorApplied(@DataSubject UUID doctorId, @PersonalData String email,
                            @PersonalData DoctorProfile profile) {
}
