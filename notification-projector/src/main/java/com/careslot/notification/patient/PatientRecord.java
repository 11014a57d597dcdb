package com.careslot.notification.patient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.careslot.notification.audit.AccessEntry;
import com.careslot.notification.audit.AuditEntry;

/**
 * Everything Careslot holds about one patient, as one document (GDPR articles 15 and 20; docs/PRIVACY.md): the account,
 * the appointments with their doctors, times and statuses, online payments, the mails sent to them, every audit entry
 * about them and every read of their data by someone else (the access log).
 */
record PatientRecord(Instant exportedAt, Account account, List<Appointment> appointments, List<Payment> payments,
                     List<Notification> notifications, List<AuditEntry> auditEntries, List<AccessEntry> accessLog) {

    /** {@code phone} may be null; {@code registeredAt} is null when the registration predates the audit trail. */
    record Account(UUID patientId, String fullName, String email, String phone, Instant registeredAt,
                   boolean emailConfirmed) {
    }

    /**
     * An appointment as its events left it: {@code status} is the FHIR code (booked, cancelled, checked-in, fulfilled,
     * noshow), {@code cancelledBy} the role that cancelled.
     */
    record Appointment(UUID appointmentId, UUID slotId, UUID doctorId, String doctorName, Instant start, Instant end,
                       String status, Instant bookedAt, Instant rescheduledAt, Instant cancelledAt, String cancelledBy,
                       String cancellationReason) {
    }

    /** An online payment; amounts in the currency's smallest unit (cents). status: requested, paid, failed, refunded. */
    record Payment(UUID appointmentId, UUID doctorId, String paymentIntentId, long amount, String currency,
                   String status, long refunded, Instant requestedAt, Instant paidAt) {
    }

    /** A mail sent (or owed) to the patient. */
    record Notification(String type, String subject, String status, Instant createdAt, Instant sentAt) {
    }
}
