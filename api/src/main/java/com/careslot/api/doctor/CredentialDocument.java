package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.PersonalData;

/**
 * A credential document a doctor attached (a diploma, a licence): its id, the file name it was uploaded under, its
 * size in bytes, its type as detected from its bytes ({@code application/pdf}, {@code image/jpeg}, {@code image/png})
 * and the hex SHA-256 of its bytes. The bytes themselves are in the file store, never in an event.
 */
public record CredentialDocument(UUID documentId, @PersonalData String name, long size, String contentType, String sha256) {
}
