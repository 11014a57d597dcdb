package com.careslot.api.doctor;

import java.util.UUID;

/** An admin's note on one credential document, given with the decision on the application. */
public record CredentialNote(UUID documentId, String note) {
}
