package com.careslot.api.appointment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as its patient, its doctor and admins read it. {@code slotId} is the slot it books now (a
 * reschedule keeps the appointment id and changes the slot); {@code status} is the FHIR code (booked, cancelled,
 * checked-in, fulfilled, noshow). {@code cancelledAt}, {@code cancelledBy} (the role that cancelled) and
 * {@code cancellationReason} are null unless it was cancelled; names are null while their registration is unknown.
 * {@code payment} is null unless the appointment was paid online.
 */
public record AppointmentView(UUID appointmentId, UUID slotId, UUID doctorId, String doctorName,
                              String specialization, UUID patientId, String patientName, Instant start,
                              Instant end, String status, Instant bookedAt, Instant cancelledAt,
                              String cancelledBy, String cancellationReason, Payment payment) {

    /**
     * The online payment: {@code status} paid, refunded or partially-refunded (requested and failed payments book
     * nothing); amounts in the currency's major unit (80.00).
     */
    public record Payment(String status, BigDecimal amount, String currency, BigDecimal refunded,
                          String paymentIntentId) {
    }
}
