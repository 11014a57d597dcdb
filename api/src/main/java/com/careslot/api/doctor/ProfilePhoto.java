package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

import com.careslot.api.privacy.PersonalData;

/**
 * A doctor's profile photo: the upload's name, size, detected type and SHA-256, and the re-encoded JPEG variants
 * that are served (each square at most {@code pixels} wide, its own file, size and digest). The uploaded bytes are
 * not kept: only the variants, which carry no metadata.
 */
public record ProfilePhoto(UUID photoId, @PersonalData String name, long size, String contentType, String sha256,
                           List<Variant> variants) {

    public record Variant(int pixels, UUID fileId, long size, String sha256) {
    }
}
