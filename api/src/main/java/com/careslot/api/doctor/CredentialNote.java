package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.PersonalData;

/** An admin's note on one credential document, given with the decision on the application. */
public record CredentialNote(UUID documentId, @PersonalData String note) {
}
