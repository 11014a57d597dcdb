package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The appointment, keeping its id, now books this slot; it came from {@code fromSlotId} (a reschedule). */
public record BookingMovedIn(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start,
                             Instant end, UUID fromSlotId) {
}
