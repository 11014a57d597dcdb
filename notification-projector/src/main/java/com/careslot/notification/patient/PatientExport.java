package com.careslot.notification.patient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Assembles a patient's export from what this service keeps: the audit trail (a mirror of every event, so every
 * appointment, payment and registration of the patient), the recipient directory (names and emails as the read
 * models hold them, so an erased person reads as erased here too), the mail log and the access log. Appointments and
 * payments are the patient's events taken in their order ({@link PatientHistory}), nothing kept on the side
 * (docs/PRIVACY.md).
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
        PatientHistory history = new PatientHistory(json);
        about.forEach(history::add);
        Map<UUID, String> doctors = recipients.findAll(history.appointments().stream()
                        .map(PatientRecord.Appointment::doctorId).collect(Collectors.toSet())).stream()
                .collect(HashMap::new, (names, doctor) -> names.put(doctor.accountId(), doctor.fullName()), Map::putAll);
        List<PatientRecord.Appointment> appointments = history.appointments().stream()
                .map(a -> new PatientRecord.Appointment(a.appointmentId(), a.slotId(), a.doctorId(),
                        doctors.get(a.doctorId()), a.start(), a.end(), a.status(), a.bookedAt(), a.rescheduledAt(),
                        a.cancelledAt(), a.cancelledBy(), a.cancellationReason()))
                .toList();
        PatientRecord.Account account = new PatientRecord.Account(patientId,
                patient.map(Recipient::fullName).orElse(null), patient.map(Recipient::email).orElse(null),
                history.phone(), history.registeredAt(), history.emailConfirmed());
        return Optional.of(new PatientRecord(clock.instant(), account, appointments, history.payments(),
                notifications(patientId), about, accesses.of(patientId)));
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

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
