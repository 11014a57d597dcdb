package com.careslot.api.doctor;

import java.util.UUID;

/** A credential document was downloaded; who did it is in the event's metadata (actorId, actorRole), as always. */
public record CredentialDownloaded(UUID doctorId, UUID documentId) {
}
