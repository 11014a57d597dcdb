package com.careslot.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as the mail processor last saw it: where it is, where it was before its last move, and the
 * iCalendar SEQUENCE of its latest invite.
 */
record AppointmentMailState(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, Instant start,
                            Instant end, Instant previousStart, Instant previousEnd, String status, int sequence) {
}
