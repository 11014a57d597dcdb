package com.careslot.api.patient;

import java.util.UUID;

/**
 * The patient's key was deleted: every {@code @PersonalData} of theirs in the store now reads as {@code [erased]},
 * and read models that copied it clear it. {@code reason} is {@code request} (the patient or an admin asked) or
 * {@code retention} (the retention period ran out).
 */
public record PersonalDataErased(UUID patientId, String reason) {
}
