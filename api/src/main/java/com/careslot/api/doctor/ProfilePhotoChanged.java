package com.careslot.api.doctor;

import java.util.UUID;

/** The doctor's profile photo is now {@code photo}; the previous one's variants are gone. */
public record ProfilePhotoChanged(UUID doctorId, ProfilePhoto photo) {
}
