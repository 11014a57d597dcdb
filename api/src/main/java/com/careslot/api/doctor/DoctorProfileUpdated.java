package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** The doctor's profile changed; {@code profile} is the whole profile after the change, not only what changed. */
public record DoctorProfileUpdated(@DataSubject UUID doctorId, @PersonalData DoctorProfile profile) {
}
