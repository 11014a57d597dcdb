package com.careslot.api.patient;

import java.util.UUID;

public record PatientEmailConfirmed(UUID patientId) {
}
