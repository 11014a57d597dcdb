package com.careslot.api.patient;

import java.util.UUID;

/** Personal data lives here, not in slot events, so erasing a patient stays small. {@code phone} may be null. */
public record PatientRegistered(UUID patientId, String email, String fullName, String phone) {
}
