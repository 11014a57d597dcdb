package com.careslot.command.slot;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.access.AccessLog;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;
import com.careslot.platform.web.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The one read of the command side: a slot's state at an instant can only be rebuilt where the {@link Slot}
 * aggregate lives (docs/ARCHITECTURE.md, "The audit trail"); the rest of {@code /api/audit} is the notification
 * projector's.
 */
@RestController
@Tag(name = "Audit")
class SlotAuditController {

    private final SlotAsOf slots;
    private final Clock clock;
    private final AccessLog accessLog;

    SlotAuditController(SlotAsOf slots, Clock clock, AccessLog accessLog) {
        this.slots = slots;
        this.clock = clock;
        this.accessLog = accessLog;
    }

    @GetMapping("/api/audit/slots/{slotId}")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "A slot's state at an instant, rebuilt from its own events",
            description = "asOf (an ISO-8601 instant, default now, not in the future): the slot as its events stored "
                    + "at or before that instant made it, with the sequence number and time of the last of them. "
                    + "404 when the slot did not exist yet at asOf, or at all.")
    SlotAsOfView slot(@AuthenticationPrincipal Caller caller, @PathVariable UUID slotId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        Instant now = clock.instant();
        if (asOf != null && asOf.isAfter(now)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid("Invalid value for: asOf",
                    List.of(new Problems.FieldError("asOf", "must not be in the future"))), null);
        }
        Instant instant = asOf == null ? now : asOf;
        SlotAsOfView state = slots.at(slotId, instant).orElseThrow(() -> new NotFoundException(
                "Slot " + slotId + " did not exist at " + instant + "."));
        accessLog.record(caller, "slot-as-of", state.slot().patientId());
        return state;
    }
}
