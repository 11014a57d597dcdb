package com.careslot.notification.audit;

import java.time.Instant;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.access.AccessLog;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** HIPAA's access log: who read which patient's data, when, and what (docs/PRIVACY.md, "Access log"). */
@RestController
@ReadsFrom("audit-trail")
@Tag(name = "Audit")
class AccessLogController {

    private final AccessTrail accesses;
    private final AuditTrail trail;
    private final AccessLog accessLog;

    AccessLogController(AccessTrail accesses, AuditTrail trail, AccessLog accessLog) {
        this.accesses = accesses;
        this.trail = trail;
        this.accessLog = accessLog;
    }

    @GetMapping("/api/audit/access")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "Reads of patients' data by staff and doctors, in the order they happened",
            description = "Each entry: who (accessor: account id and role), when (accessedAt), which patients "
                    + "(patientIds), what (resource: appointment, doctor-appointments, appointments, front-desk-search, "
                    + "front-desk-patient, front-desk-appointments, audit-entries, audit-people, slot-as-of, "
                    + "access-log, patient-export) and the request path, without its query. Filters: patientId, and a window "
                    + "from (inclusive) to (exclusive). Reading one patient's accesses is itself recorded. Totals and "
                    + "paging as in /api/audit/events.")
    AccessPage accesses(@AuthenticationPrincipal Caller caller,
                        @RequestParam(required = false) UUID patientId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                        @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                        @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        trail.requireWithinLimit(page, size);
        AccessPage found = accesses.page(patientId, from, to, page, size);
        if (patientId != null) {
            accessLog.record(caller, "access-log", patientId);
        }
        return found;
    }
}
