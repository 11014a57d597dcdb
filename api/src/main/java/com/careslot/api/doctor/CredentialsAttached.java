package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

/** Credential documents were attached: their ids, names, sizes, types and digests, never their bytes. */
public record CredentialsAttached(UUID doctorId, List<CredentialDocument> documents) {
}
