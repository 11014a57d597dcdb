package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** Credential documents were attached: their ids, names, sizes, types and digests, never their bytes. */
public record CredentialsAttached(@DataSubject UUID doctorId, @PersonalData List<CredentialDocument> documents) {
}
