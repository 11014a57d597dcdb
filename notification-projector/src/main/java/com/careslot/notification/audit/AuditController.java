package com.careslot.notification.audit;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.careslot.platform.access.AccessLog;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;
import com.careslot.platform.web.Problems;
import com.careslot.platform.position.ReadsFrom;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@ReadsFrom("audit-trail")
@Tag(name = "Audit")
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final AuditTrail trail;
    private final AuditVerification verification;
    private final AccessLog accessLog;
    private final ObjectMapper json;

    AuditController(AuditTrail trail, AuditVerification verification, AccessLog accessLog, ObjectMapper json) {
        this.trail = trail;
        this.verification = verification;
        this.accessLog = accessLog;
        this.json = json;
    }

    @GetMapping("/api/admin/projections/audit-trail/verify")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Compares the audit trail with the event store over a range of global indexes",
            description = "Counts per event type on both sides, an order-independent checksum over (global index, "
                    + "event id, aggregate, sequence number, type), and the first global index where the trail does "
                    + "not hold exactly the store's event. The range is (after, upTo]: after defaults to 0, upTo to "
                    + "the audit-trail processor's position (events it has not handled yet are no divergence). At "
                    + "most 5,000,000 indexes per request. docs/OPERATIONS.md says what to do when agrees is false.")
    AuditVerification.Report verify(@RequestParam(required = false) Long after,
                                    @RequestParam(required = false) Long upTo) {
        return verification.verify(after, upTo);
    }

    @GetMapping("/api/audit/events")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "Events of the store in their global order, filtered by aggregate, event type, actor and time",
            description = "Every filter is optional: aggregateId (a UUID), type (the event's name, e.g. SlotBooked), "
                    + "actor (the account id, or a system actor's name), and a window from (inclusive) to "
                    + "(exclusive) of event timestamps. totalItems counts the matching entries up to a limit "
                    + "(careslot.queries.count-limit, 10,000 by default): when more match it is the limit and "
                    + "totalItemsExact is false. A page starting at or past the limit (page × size ≥ limit) is "
                    + "refused with 400 naming page: narrow the filters, or use the export.")
    AuditPage events(@AuthenticationPrincipal Caller caller,
                     @RequestParam(required = false) UUID aggregateId,
                     @RequestParam(required = false) @Size(max = 255) String type,
                     @RequestParam(required = false) @Size(max = 255) String actor,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        AuditFilter filter = filter(aggregateId, type, actor, from, to);
        trail.requireWithinLimit(page, size);
        AuditPage found = trail.page(filter, page, size);
        accessLog.record(caller, "audit-entries", patientsNamedIn(found));
        return found;
    }

    @GetMapping("/api/audit/slots/{slotId}/history")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "A slot's event stream in sequence order, each event with its actor and correlation id",
            description = "404 when the audit trail holds no event of that slot.")
    AuditPage slotHistory(@AuthenticationPrincipal Caller caller, @PathVariable UUID slotId,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        trail.requireWithinLimit(page, size);
        AuditPage history = trail.slotHistory(slotId, page, size);
        if (history.totalItems() == 0) {
            throw new NotFoundException("The audit trail holds no slot " + slotId + ".");
        }
        accessLog.record(caller, "audit-entries", patientsNamedIn(history));
        return history;
    }

    @GetMapping(value = "/api/audit/export", produces = "application/x-ndjson")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "The audit trail as NDJSON, one entry per line in global order, streamed",
            description = "Takes the filters of /api/audit/events (typically from and to) and no paging: every "
                    + "matching entry is streamed from a database cursor, so an export of any length needs no more "
                    + "memory than a short one.")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) UUID aggregateId,
            @RequestParam(required = false) @Size(max = 255) String type,
            @RequestParam(required = false) @Size(max = 255) String actor,
            @Parameter(hidden = true) WebRequest request) {
        AuditFilter filter = filter(aggregateId, type, actor, from, to);
        request.setAttribute(ExportTimeout.LONG_RUNNING, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        return ResponseEntity.ok().contentType(NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"careslot-audit.ndjson\"")
                .body(out -> trail.export(filter, out));
    }

    /** The patients a page of the trail is about: its events' patientId, and the patientIds of recorded accesses. */
    private Set<UUID> patientsNamedIn(AuditPage page) {
        Set<UUID> patients = new LinkedHashSet<>();
        for (AuditEntry entry : page.items()) {
            try {
                JsonNode payload = json.readTree(entry.payload());
                patient(payload.get("patientId"), patients);
                payload.path("patientIds").forEach(id -> patient(id, patients));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Audit entry " + entry.globalIndex() + " holds no JSON payload", e);
            }
        }
        return patients;
    }

    private static void patient(JsonNode id, Set<UUID> patients) {
        if (id != null && id.isTextual()) {
            try {
                patients.add(UUID.fromString(id.asText()));
            } catch (IllegalArgumentException notAnId) {
                // an erased or foreign value names no patient
            }
        }
    }

    private static AuditFilter filter(UUID aggregateId, String type, String actor, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid("Invalid value for: to",
                    List.of(new Problems.FieldError("to", "must be after from"))), null);
        }
        return new AuditFilter(aggregateId, blankToNull(type), blankToNull(actor), from, to);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
