package com.careslot.command.slot;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.CancelBooking;
import com.careslot.api.slot.OpenSlot;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Slots (writes)")
class SlotController {

    private final CommandGateway commandGateway;
    private final Clock clock;

    SlotController(CommandGateway commandGateway, Clock clock) {
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @PostMapping("/api/doctors/{doctorId}/slots")
    @Operation(summary = "Open one slot [start, end) in a doctor's calendar",
            description = "start must be in the future; the slot is at most 8 hours long.")
    ResponseEntity<SlotView> open(@PathVariable UUID doctorId, @Valid @RequestBody OpenSlotRequest request) {
        UUID slotId = UUID.randomUUID();
        commandGateway.sendAndWait(new OpenSlot(slotId, doctorId, request.start(), request.end(), clock.instant()));
        SlotView slot = new SlotView(slotId, doctorId, request.start(), request.end(), SlotStatus.FREE, null, null);
        return ResponseEntity.created(URI.create("/api/slots/" + slotId)).body(slot);
    }

    @PostMapping("/api/slots/{slotId}/book")
    @Operation(summary = "Book a free slot for a patient", description = "409 when the slot is not free.")
    ResponseEntity<AppointmentResponse> book(@PathVariable UUID slotId, @Valid @RequestBody BookRequest request) {
        UUID appointmentId = UUID.randomUUID();
        commandGateway.sendAndWait(new BookSlot(slotId, appointmentId, request.patientId()));
        return ResponseEntity.created(URI.create("/api/appointments/" + appointmentId))
                .body(new AppointmentResponse(appointmentId, slotId, request.patientId(), "booked"));
    }

    @PostMapping("/api/slots/{slotId}/cancel")
    @Operation(summary = "Cancel the slot's booking; the slot is free again", description = "409 when not booked.")
    AppointmentResponse cancel(@PathVariable UUID slotId,
                               @Valid @RequestBody(required = false) CancelRequest request) {
        String reason = request == null ? null : request.reason();
        BookingCancelled cancelled = commandGateway.sendAndWait(new CancelBooking(slotId, reason));
        return new AppointmentResponse(cancelled.appointmentId(), slotId, cancelled.patientId(), "cancelled");
    }

    record OpenSlotRequest(@NotNull Instant start, @NotNull Instant end) {
    }

    /** {@code patientId} travels in the body until accounts exist; {@code holdId} arrives with holds. */
    record BookRequest(@NotNull UUID patientId) {
    }

    record CancelRequest(@Size(max = 500) String reason) {
    }

    record AppointmentResponse(UUID appointmentId, UUID slotId, UUID patientId, String status) {
    }
}
