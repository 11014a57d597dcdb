package com.careslot.command.slot;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BlockSlot;
import com.careslot.api.slot.CheckInPatient;
import com.careslot.api.slot.CompleteAppointment;
import com.careslot.api.slot.MarkNoShow;
import com.careslot.api.slot.MoveFreeSlot;
import com.careslot.api.slot.RemoveSlot;
import com.careslot.api.slot.SlotMoved;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotView;
import com.careslot.api.slot.UnblockSlot;
import com.careslot.platform.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a doctor (or an admin) does with the slots of their calendar and the appointments in them. */
@RestController
@Tag(name = "Slots (doctor's calendar)")
class SlotManagementController {

    private final CommandGateway commandGateway;
    private final Clock clock;

    SlotManagementController(CommandGateway commandGateway, Clock clock) {
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @PatchMapping("/api/slots/{slotId}")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "Move a free slot to another time or change its length (its doctor or an admin)",
            description = "Same slot id, new [start, end): start in the future, at most 8 hours long. 409 "
                    + "slot-overlaps (naming conflictingSlotId) when the new interval overlaps another of the doctor's "
                    + "slots; 409 slot-not-free when the slot is held, booked, blocked or removed (a booking moves by "
                    + "rescheduling its appointment).")
    SlotView move(@PathVariable UUID slotId, @Valid @RequestBody MoveRequest request,
                  @AuthenticationPrincipal Caller caller) {
        SlotMoved moved = commandGateway.sendAndWait(
                new MoveFreeSlot(slotId, request.start(), request.end(), caller.actor(), clock.instant()));
        return new SlotView(slotId, moved.doctorId(), moved.start(), moved.end(), SlotStatus.FREE, null, null, null);
    }

    @PostMapping("/api/slots/{slotId}/block")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "Make a free slot unbookable (its doctor or an admin); 409 when it is not free")
    SlotState block(@PathVariable UUID slotId, @Valid @RequestBody(required = false) BlockRequest request,
                    @AuthenticationPrincipal Caller caller) {
        commandGateway.sendAndWait(new BlockSlot(slotId, request == null ? null : request.reason(), caller.actor()));
        return new SlotState(slotId, SlotStatus.BLOCKED);
    }

    @PostMapping("/api/slots/{slotId}/unblock")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "Make a blocked slot bookable again (its doctor or an admin)")
    SlotState unblock(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        commandGateway.sendAndWait(new UnblockSlot(slotId, caller.actor()));
        return new SlotState(slotId, SlotStatus.FREE);
    }

    @DeleteMapping("/api/slots/{slotId}")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a free or blocked slot for good (its doctor or an admin); 409 when booked")
    void remove(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        commandGateway.sendAndWait(new RemoveSlot(slotId, caller.actor()));
    }

    @PostMapping("/api/slots/{slotId}/check-in")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "The patient has arrived (from an hour before the start): FHIR checked-in")
    AttendanceState checkIn(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        AppointmentStatus status = commandGateway.sendAndWait(
                new CheckInPatient(slotId, caller.actor(), clock.instant()));
        return new AttendanceState(slotId, status.code());
    }

    @PostMapping("/api/slots/{slotId}/complete")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "The appointment took place (after its start): FHIR fulfilled")
    AttendanceState complete(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        AppointmentStatus status = commandGateway.sendAndWait(
                new CompleteAppointment(slotId, caller.actor(), clock.instant()));
        return new AttendanceState(slotId, status.code());
    }

    @PostMapping("/api/slots/{slotId}/no-show")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "The patient did not come (after the start): FHIR noshow")
    AttendanceState noShow(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        AppointmentStatus status = commandGateway.sendAndWait(new MarkNoShow(slotId, caller.actor(), clock.instant()));
        return new AttendanceState(slotId, status.code());
    }

    record MoveRequest(@NotNull Instant start, @NotNull Instant end) {
    }

    record BlockRequest(@Size(max = 500) String reason) {
    }

    record SlotState(UUID slotId, SlotStatus status) {
    }

    record AttendanceState(UUID slotId, String status) {
    }
}
