package com.careslot.api.appointment;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as its patient, its doctor and admins read it. {@code slotId} is the slot it books now (a
 * reschedule keeps the appointment id and changes the slot); {@code status} is the FHIR code (booked, cancelled,
 * checked-in, fulfilled, noshow). {@code cancelledAt}, {@code cancelledBy} (the role that cancelled) and
 * {@code cancellationReason} are null unless it was cancelled; names are null while their registration is unknown.
 */
public record AppointmentView(UUID appointmentId, UUID slotId, UUID doctorId, String doctorName,
                              String specialization, UUID patientId, String patientName, Instant start,
                              Instant end, String status, Instant bookedAt, Instant cancelledAt,
                              String cancelledBy, String cancellationReason) {
}
