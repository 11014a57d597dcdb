package com.careslot.notification.audit;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;
import com.careslot.platform.access.AccessLog;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

/** Names for the audit pages: people shown by name, with their id on demand, and filters that take names. */
@RestController
@ReadsFrom("notification-recipients")
@Tag(name = "Audit")
class AuditPeopleController {

    private final RecipientDirectory recipients;
    private final AccessLog accessLog;

    AuditPeopleController(RecipientDirectory recipients, AccessLog accessLog) {
        this.recipients = recipients;
        this.accessLog = accessLog;
    }

    @GetMapping("/api/audit/people")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "Patients and doctors by id (ids, up to 200) or by a part of their name (q, up to 20 found)",
            description = "Staff accounts (admins, auditors, receptionists) have no name here: the pages show their "
                    + "role.")
    PeoplePage people(@AuthenticationPrincipal Caller caller,
                      @RequestParam(required = false) @Size(max = 200) Set<UUID> ids,
                      @RequestParam(required = false) @Size(min = 2, max = 200) String q) {
        if ((ids == null || ids.isEmpty()) == (q == null || q.isBlank())) {
            throw new InvalidInputException("q", "give either ids or q (at least 2 characters)");
        }
        List<Recipient> found = ids != null && !ids.isEmpty() ? recipients.findAll(ids) : recipients.search(q.strip(), 20);
        accessLog.record(caller, "audit-people", found.stream().filter(r -> "PATIENT".equals(r.role()))
                .map(Recipient::accountId).toList());
        return new PeoplePage(found.stream().map(r -> new Person(r.accountId(), r.role(), r.fullName())).toList());
    }

    record Person(UUID accountId, String role, String fullName) {
    }

    record PeoplePage(List<Person> items) {
    }
}
