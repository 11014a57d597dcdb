package com.careslot.command.slot;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.slot.SlotStatus;

/**
 * Everything a {@link Slot} knows about itself: the fields of {@code SlotView}, plus the hold ({@code holdId},
 * {@code holdExpiresAt}) while it is HELD. {@code appointmentStatus} is the FHIR code (booked, checked-in,
 * fulfilled, noshow).
 */
record SlotStateView(UUID slotId, UUID doctorId, Instant start, Instant end, SlotStatus status, UUID appointmentId,
                     UUID patientId, String appointmentStatus, UUID holdId, Instant holdExpiresAt) {
}
