package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** The slot's booking was cancelled and the slot is free again. {@code reason} may be null. */
public record BookingCancelled(UUID slotId, UUID doctorId, UUID appointmentId, @DataSubject UUID patientId,
                               Instant start, Instant end, @PersonalData String reason) {
}
