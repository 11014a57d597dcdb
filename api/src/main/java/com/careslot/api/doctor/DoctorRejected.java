package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

public record DoctorRejected(@DataSubject UUID doctorId, @PersonalData String reason) {
}
