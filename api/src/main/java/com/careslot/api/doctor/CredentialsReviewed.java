package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

/** An admin reviewed credential documents and left a note on each of {@code notes}. */
public record CredentialsReviewed(UUID doctorId, List<CredentialNote> notes) {
}
