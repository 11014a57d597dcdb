package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

/** The appointment left this slot for {@code toSlotId} (a reschedule); this slot is free again. */
public record BookingMovedOut(UUID slotId, UUID doctorId, UUID appointmentId, UUID patientId, Instant start,
                              Instant end, UUID toSlotId) {
}
