package com.careslot.notification.mail;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.security.Caller;
import com.careslot.platform.position.ReadsFrom;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@ReadsFrom(MailProcessing.GROUP)
@Tag(name = "Notifications")
class NotificationController {

    private final MailLog mailLog;
    private final DeadLetters deadLetters;

    NotificationController(MailLog mailLog, DeadLetters deadLetters) {
        this.mailLog = mailLog;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/notifications")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The mails sent (or owed) to the caller, newest first: type, subject, status and times")
    NotificationPage mine(@AuthenticationPrincipal Caller caller,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return mailLog.page(caller.accountId(), page, size);
    }

    @GetMapping("/api/admin/notifications/stats")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "How many mails of each type are sent, failed (a retry is due), pending and dead-lettered")
    NotificationStats stats() {
        return mailLog.stats();
    }

    @GetMapping("/api/admin/dead-letters")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Events whose mail could not be sent, oldest first, with their attempts and next retry")
    DeadLetterPage deadLetters(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return deadLetters.page(page, size);
    }

    @PostMapping("/api/admin/dead-letters/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Try a dead letter (and the letters after it for the same appointment) again now")
    DeadLetters.RetryOutcome retry(@PathVariable @Size(max = 255) String id) {
        return deadLetters.retry(id);
    }
}
