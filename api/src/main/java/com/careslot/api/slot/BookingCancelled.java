package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The slot's booking was cancelled and the slot is free again. {@code reason} may be null. */
public record BookingCancelled(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start,
                               Instant end, String reason) {
}
