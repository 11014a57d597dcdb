package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** An admin reviewed credential documents and left a note on each of {@code notes}. */
public record CredentialsReviewed(@DataSubject UUID doctorId, @PersonalData List<CredentialNote> notes) {
}
