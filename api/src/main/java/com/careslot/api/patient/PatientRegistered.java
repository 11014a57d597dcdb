package com.careslot.api.patient;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** Personal data lives here, not in slot events, so erasing a patient stays small. {@code phone} may be null. */
public record PatientRegistered(@DataSubject UUID patientId, @PersonalData String email,
                                @PersonalData String fullName, @PersonalData String phone) {
}
