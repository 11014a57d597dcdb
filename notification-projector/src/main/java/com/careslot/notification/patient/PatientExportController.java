package com.careslot.notification.patient;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.access.AccessLog;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A patient's data as one JSON download (docs/PRIVACY.md): the patient's own, or a patient's for an admin, which the
 * access log records.
 */
@RestController
@ReadsFrom({"audit-trail", "notification-recipients"})
@Tag(name = "Privacy")
class PatientExportController {

    private static final String DESCRIPTION = "One JSON document, sent as an attachment: account (name, email, phone, "
            + "registeredAt, emailConfirmed), appointments (doctor, doctorName, start, end, status, bookedAt, "
            + "rescheduledAt, cancelledAt, cancelledBy, cancellationReason), payments (amounts in the currency's "
            + "smallest unit), notifications (the mails sent: type, subject, status, times), auditEntries (every event "
            + "about the patient, as /api/audit/events shows it) and accessLog (every read of the patient's data by "
            + "someone else: who, when, what, as /api/audit/access shows it). Data that was erased reads \"[erased]\".";

    private final PatientExport export;
    private final AccessLog accessLog;

    PatientExportController(PatientExport export, AccessLog accessLog) {
        this.export = export;
        this.accessLog = accessLog;
    }

    @GetMapping(value = "/api/patients/me/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('PATIENT')")
    @Operation(summary = "All the signed-in patient's data, as one JSON document to download", description = DESCRIPTION)
    ResponseEntity<PatientRecord> mine(@AuthenticationPrincipal Caller caller) {
        return download(caller.accountId(), export.of(caller.accountId())
                .orElseThrow(() -> new NotFoundException("No data of patient " + caller.accountId() + " is held yet.")));
    }

    @GetMapping(value = "/api/admin/patients/{patientId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "All of one patient's data, as the patient would download it; recorded in the access log",
            description = DESCRIPTION + " 404 for an id that is no patient's.")
    ResponseEntity<PatientRecord> patients(@PathVariable UUID patientId, @AuthenticationPrincipal Caller caller) {
        PatientRecord record = export.of(patientId)
                .orElseThrow(() -> new NotFoundException("No patient " + patientId + " is known."));
        accessLog.record(caller, "patient-export", patientId);
        return download(patientId, record);
    }

    private static ResponseEntity<PatientRecord> download(UUID patientId, PatientRecord record) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"careslot-patient-" + patientId + ".json\"")
                .body(record);
    }
}
