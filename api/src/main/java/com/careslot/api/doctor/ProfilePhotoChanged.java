package com.careslot.api.doctor;

import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** The doctor's profile photo is now {@code photo}; the previous one's variants are gone. */
public record ProfilePhotoChanged(@DataSubject UUID doctorId, @PersonalData ProfilePhoto photo) {
}
