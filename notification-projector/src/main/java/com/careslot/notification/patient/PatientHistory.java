package com.careslot.notification.patient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.careslot.notification.audit.AuditEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A patient's events from the audit trail, taken in their global order: what they make of the account, the
 * appointments and the online payments. Every such event names the patient ({@code patientId}); slot events carry the
 * appointment's id, time and doctor, so nothing has to be looked up but the doctor's name.
 */
final class PatientHistory {

    private final ObjectMapper json;
    private final Map<UUID, PatientRecord.Appointment> appointments = new LinkedHashMap<>();
    private final Map<UUID, PatientRecord.Payment> payments = new LinkedHashMap<>();
    private Instant registeredAt;
    private String phone;
    private boolean emailConfirmed;

    PatientHistory(ObjectMapper json) {
        this.json = json;
    }

    void add(AuditEntry entry) {
        JsonNode event = payload(entry);
        switch (entry.type()) {
            case "PatientRegistered" -> {
                registeredAt = entry.timestamp();
                phone = text(event, "phone");
            }
            case "PatientEmailConfirmed" -> emailConfirmed = true;
            case "PaymentRequested", "PaymentSucceeded", "PaymentFailed", "PaymentRefunded" ->
                    payments.compute(id(event, "appointmentId"), (id, before) -> paid(entry, event, before));
            default -> {
                if (event.hasNonNull("appointmentId") && event.hasNonNull("slotId")) {
                    appointments.compute(id(event, "appointmentId"), (id, before) -> moved(entry, event, before));
                }
            }
        }
    }

    /** The appointments in the order they were booked; doctorName is left for the caller. */
    List<PatientRecord.Appointment> appointments() {
        return appointments.values().stream().filter(appointment -> appointment.status() != null).toList();
    }

    List<PatientRecord.Payment> payments() {
        return List.copyOf(payments.values());
    }

    Instant registeredAt() {
        return registeredAt;
    }

    String phone() {
        return phone;
    }

    boolean emailConfirmed() {
        return emailConfirmed;
    }

    /** The appointment after one of its slot events; a status of null means "not booked yet" (no SlotBooked seen). */
    private static PatientRecord.Appointment moved(AuditEntry entry, JsonNode event, PatientRecord.Appointment before) {
        PatientRecord.Appointment a = before != null ? before : new PatientRecord.Appointment(id(event, "appointmentId"),
                id(event, "slotId"), id(event, "doctorId"), null, instant(event, "start"), instant(event, "end"),
                null, null, null, null, null, null);
        return switch (entry.type()) {
            case "SlotBooked" -> at(a, event, "booked", entry.timestamp(), a.rescheduledAt());
            case "BookingMovedIn" -> at(a, event, a.status() == null ? "booked" : a.status(), a.bookedAt(),
                    entry.timestamp());
            case "BookingCancelled" -> new PatientRecord.Appointment(a.appointmentId(), a.slotId(), a.doctorId(), null,
                    a.start(), a.end(), a.status() == null ? null : "cancelled", a.bookedAt(), a.rescheduledAt(),
                    entry.timestamp(), entry.actor() == null ? null : entry.actor().role(), text(event, "reason"));
            case "PatientCheckedIn" -> status(a, "checked-in");
            case "AppointmentFulfilled" -> status(a, "fulfilled");
            case "PatientNoShow" -> status(a, "noshow");
            default -> a;
        };
    }

    private static PatientRecord.Appointment at(PatientRecord.Appointment a, JsonNode event, String status,
                                                Instant bookedAt, Instant rescheduledAt) {
        return new PatientRecord.Appointment(a.appointmentId(), id(event, "slotId"), a.doctorId(), null,
                instant(event, "start"), instant(event, "end"), status, bookedAt, rescheduledAt, a.cancelledAt(),
                a.cancelledBy(), a.cancellationReason());
    }

    private static PatientRecord.Appointment status(PatientRecord.Appointment a, String status) {
        return new PatientRecord.Appointment(a.appointmentId(), a.slotId(), a.doctorId(), null, a.start(), a.end(),
                a.status() == null ? null : status, a.bookedAt(), a.rescheduledAt(), a.cancelledAt(), a.cancelledBy(),
                a.cancellationReason());
    }

    private static PatientRecord.Payment paid(AuditEntry entry, JsonNode event, PatientRecord.Payment before) {
        PatientRecord.Payment p = before != null ? before : new PatientRecord.Payment(id(event, "appointmentId"),
                id(event, "doctorId"), text(event, "paymentIntentId"), event.path("amount").asLong(),
                text(event, "currency"), "requested", 0, entry.timestamp(), null);
        return switch (entry.type()) {
            case "PaymentSucceeded" -> new PatientRecord.Payment(p.appointmentId(), p.doctorId(), p.paymentIntentId(),
                    event.path("amount").asLong(), p.currency(), "paid", p.refunded(), p.requestedAt(),
                    entry.timestamp());
            case "PaymentFailed" -> new PatientRecord.Payment(p.appointmentId(), p.doctorId(), p.paymentIntentId(),
                    p.amount(), p.currency(), "failed", p.refunded(), p.requestedAt(), p.paidAt());
            case "PaymentRefunded" -> new PatientRecord.Payment(p.appointmentId(), p.doctorId(), p.paymentIntentId(),
                    p.amount(), p.currency(), "refunded", p.refunded() + event.path("amount").asLong(), p.requestedAt(),
                    p.paidAt());
            default -> p;
        };
    }

    private JsonNode payload(AuditEntry entry) {
        try {
            return json.readTree(entry.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit entry " + entry.globalIndex() + " holds no JSON payload", e);
        }
    }

    private static UUID id(JsonNode event, String field) {
        String value = text(event, field);
        return value == null ? null : UUID.fromString(value);
    }

    private static Instant instant(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isNumber() ? Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue())
                : Instant.parse(value.asText());
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
