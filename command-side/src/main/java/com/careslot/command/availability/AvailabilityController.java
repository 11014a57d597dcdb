package com.careslot.command.availability;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.command.account.Accounts;
import com.careslot.command.doctor.DoctorTimeZones;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Availability (writes)")
class AvailabilityController {

    private final RollingWindow rollingWindow;
    private final Accounts accounts;
    private final DoctorTimeZones timeZones;

    AvailabilityController(RollingWindow rollingWindow, Accounts accounts, DoctorTimeZones timeZones) {
        this.rollingWindow = rollingWindow;
        this.accounts = accounts;
        this.timeZones = timeZones;
    }

    @PostMapping("/api/doctors/{doctorId}/availability")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "Define a recurring availability that opens slots in the doctor's time zone (that doctor, "
            + "or an admin)",
            description = "rrule is an RFC 5545 RRULE without DTSTART (FREQ=WEEKLY;BYDAY=MO,WE,FR), anchored at "
                    + "validFrom; FREQ DAILY or coarser, COUNT allowed, UNTIL not (give validUntil). On each date, "
                    + "slots of slotMinutes, gapMinutes apart, fill [startTime, endTime) (HH:mm, local). Slots are "
                    + "opened up to 8 weeks ahead and the window moves on daily; slots that overlap existing ones "
                    + "are skipped. 422 too-many-slots above 2000 slots in one request.")
    ResponseEntity<AvailabilityCreated> define(@PathVariable UUID doctorId,
                                               @Valid @RequestBody AvailabilityTerms terms,
                                               @AuthenticationPrincipal Caller caller) {
        if (!accounts.isActive(doctorId, Role.DOCTOR)) {
            throw new NotFoundException("No active doctor " + doctorId + " exists.");
        }
        String zone = timeZones.ofActiveDoctor(doctorId)
                .orElseThrow(() -> new NotFoundException("No active doctor " + doctorId + " exists."));
        RollingWindow.Defined defined = rollingWindow.define(doctorId, zone, terms, RollingWindow.actedBy(caller));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new AvailabilityCreated(defined.ruleId(), defined.slotsOpened(), defined.slotsSkipped()));
    }

    @PostMapping("/api/doctors/{doctorId}/availability/{ruleId}/end")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "End a recurring availability: it opens no more slots and its free slots ahead are removed",
            description = "Booked slots stay (slotsKept): their patients keep them. Ending an ended rule removes what "
                    + "is still free and records nothing new. 404 for a rule that is not this doctor's.")
    AvailabilityEndedView end(@PathVariable UUID doctorId, @PathVariable UUID ruleId,
                              @AuthenticationPrincipal Caller caller) {
        RollingWindow.Ended ended = rollingWindow.end(doctorId, ruleId, caller.actor(), RollingWindow.actedBy(caller));
        return new AvailabilityEndedView(ruleId, ended.slotsRemoved(), ended.slotsKept());
    }

    record AvailabilityCreated(UUID ruleId, int slotsOpened, int slotsSkipped) {
    }

    record AvailabilityEndedView(UUID ruleId, int slotsRemoved, int slotsKept) {
    }
}
