package com.careslot.notification.patient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.notification.audit.AccessTrail;
import com.careslot.notification.audit.AuditEntry;
import com.careslot.notification.audit.AuditTrail;
import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Assembles a patient's export from what this service keeps: the audit trail (a mirror of every event, so every
 * appointment, payment and registration of the patient), the recipient directory (names and emails as the read
 * models hold them, so an erased person reads as erased here too), the mail log and the access log. Appointments and
 * payments are the patient's events taken in their order, nothing kept on the side (docs/PRIVACY.md).
 */
@Component
class PatientExport {

    private final AuditTrail trail;
    private final AccessTrail accesses;
    private final RecipientDirectory recipients;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    PatientExport(AuditTrail trail, AccessTrail accesses, RecipientDirectory recipients, JdbcClient jdbc,
                  ObjectMapper json, Optional<Clock> clock) {
        this.trail = trail;
        this.accesses = accesses;
        this.recipients = recipients;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    /** The patient's record, or empty when no patient of that id is known here. */
    Optional<PatientRecord> of(UUID patientId) {
        Optional<Recipient> patient = recipients.find(patientId).filter(found -> "PATIENT".equals(found.role()));
        List<AuditEntry> about = trail.about(patientId);
        if (patient.isEmpty() && about.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, PatientRecord.Appointment> appointments = new LinkedHashMap<>();
        Map<UUID, PatientRecord.Payment> payments = new LinkedHashMap<>();
        Instant registeredAt = null;
        String phone = null;
        boolean confirmed = false;
        for (AuditEntry entry : about) {
            JsonNode event = payload(entry);
            switch (entry.type()) {
                case "PatientRegistered" -> {
                    registeredAt = entry.timestamp();
                    phone = text(event, "phone");
                }
                case "PatientEmailConfirmed" -> confirmed = true;
                case "PaymentRequested", "PaymentSucceeded", "PaymentFailed", "PaymentRefunded" ->
                        payments.compute(id(event, "appointmentId"), (id, before) -> paid(entry, event, before));
                default -> {
                    if (event.hasNonNull("appointmentId") && event.hasNonNull("slotId")) {
                        appointments.compute(id(event, "appointmentId"), (id, before) -> moved(entry, event, before));
                    }
                }
            }
        }
        appointments.values().removeIf(appointment -> appointment.status() == null);
        Map<UUID, String> doctors = recipients.findAll(appointments.values().stream()
                        .map(PatientRecord.Appointment::doctorId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Recipient::accountId, Recipient::fullName));
        List<PatientRecord.Appointment> named = appointments.values().stream()
                .map(a -> new PatientRecord.Appointment(a.appointmentId(), a.slotId(), a.doctorId(),
                        doctors.get(a.doctorId()), a.start(), a.end(), a.status(), a.bookedAt(), a.rescheduledAt(),
                        a.cancelledAt(), a.cancelledBy(), a.cancellationReason()))
                .toList();
        PatientRecord.Account account = new PatientRecord.Account(patientId,
                patient.map(Recipient::fullName).orElse(null), patient.map(Recipient::email).orElse(null), phone,
                registeredAt, confirmed);
        return Optional.of(new PatientRecord(clock.instant(), account, named, List.copyOf(payments.values()),
                notifications(patientId), about, accesses.of(patientId)));
    }

    /** The appointment after one of its slot events; a status of null means "not booked yet" (no SlotBooked seen). */
    private static PatientRecord.Appointment moved(AuditEntry entry, JsonNode event, PatientRecord.Appointment before) {
        PatientRecord.Appointment a = before != null ? before : new PatientRecord.Appointment(id(event, "appointmentId"),
                id(event, "slotId"), id(event, "doctorId"), null, instant(event, "start"), instant(event, "end"),
                null, null, null, null, null, null);
        return switch (entry.type()) {
            case "SlotBooked" -> with(a, id(event, "slotId"), instant(event, "start"), instant(event, "end"), "booked",
                    entry.timestamp(), a.rescheduledAt());
            case "BookingMovedIn" -> with(a, id(event, "slotId"), instant(event, "start"), instant(event, "end"),
                    a.status() == null ? "booked" : a.status(), a.bookedAt(), entry.timestamp());
            case "BookingCancelled" -> new PatientRecord.Appointment(a.appointmentId(), a.slotId(), a.doctorId(), null,
                    a.start(), a.end(), "cancelled", a.bookedAt(), a.rescheduledAt(), entry.timestamp(),
                    entry.actor() == null ? null : entry.actor().role(), text(event, "reason"));
            case "PatientCheckedIn" -> status(a, "checked-in");
            case "AppointmentFulfilled" -> status(a, "fulfilled");
            case "PatientNoShow" -> status(a, "noshow");
            default -> a;
        };
    }

    private static PatientRecord.Appointment with(PatientRecord.Appointment a, UUID slotId, Instant start, Instant end,
                                                  String status, Instant bookedAt, Instant rescheduledAt) {
        return new PatientRecord.Appointment(a.appointmentId(), slotId, a.doctorId(), null, start, end, status,
                bookedAt, rescheduledAt, a.cancelledAt(), a.cancelledBy(), a.cancellationReason());
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

    /** The mails sent or owed to the patient, oldest first, as the mail log records them. */
    private List<PatientRecord.Notification> notifications(UUID patientId) {
        return jdbc.sql("""
                        select type, subject, status, created_at, sent_at from notification.mail_log
                        where recipient_id = ? order by created_at, id""")
                .param(patientId)
                .query((row, n) -> new PatientRecord.Notification(row.getString("type"), row.getString("subject"),
                        row.getString("status"), instant(row.getTimestamp("created_at")),
                        instant(row.getTimestamp("sent_at"))))
                .list();
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

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
