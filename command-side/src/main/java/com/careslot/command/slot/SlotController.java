package com.careslot.command.slot;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.api.payment.PaymentHandle;
import com.careslot.api.payment.RequestPayment;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.CancelBooking;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.OpenSlot;
import com.careslot.api.slot.RescheduleAppointment;
import com.careslot.api.slot.ReleaseHold;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotView;
import com.careslot.command.account.Accounts;
import com.careslot.command.payment.PaymentSettings;
import com.careslot.command.payment.PaymentUnavailableException;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Slots (writes)")
class SlotController {

    private final CommandGateway commandGateway;
    private final Accounts accounts;
    private final Clock clock;
    private final PaymentSettings payments;

    SlotController(CommandGateway commandGateway, Accounts accounts, Clock clock, PaymentSettings payments) {
        this.commandGateway = commandGateway;
        this.accounts = accounts;
        this.clock = clock;
        this.payments = payments;
    }

    @PostMapping("/api/doctors/{doctorId}/slots")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "Open one slot [start, end) in a doctor's calendar (that doctor, or an admin)",
            description = "start must be in the future; the slot is at most 8 hours long.")
    ResponseEntity<SlotView> open(@PathVariable UUID doctorId, @Valid @RequestBody OpenSlotRequest request) {
        if (!accounts.isActive(doctorId, Role.DOCTOR)) {
            throw new NotFoundException("No active doctor " + doctorId + " exists.");
        }
        UUID slotId = UUID.randomUUID();
        commandGateway.sendAndWait(new OpenSlot(slotId, doctorId, request.start(), request.end(), clock.instant()));
        SlotView slot = new SlotView(slotId, doctorId, request.start(), request.end(), SlotStatus.FREE, null, null, null);
        return ResponseEntity.created(URI.create("/api/slots/" + slotId)).body(slot);
    }

    @PostMapping("/api/slots/{slotId}/book")
    @PreAuthorize("hasAnyRole('PATIENT', 'RECEPTIONIST', 'ADMIN')")
    @Operation(summary = "Book a free slot, or the slot you hold, for the signed-in patient, or for a patient at the "
            + "front desk",
            description = "A slot you hold is booked by confirming your hold: holdId, when given, must be that hold "
                    + "(400 otherwise); without one your hold is confirmed all the same. 409 when the slot is not "
                    + "free (held by someone else, booked, blocked, removed); 403 until the patient has verified "
                    + "their email. A receptionist or an admin books for the patient named by patientId (required "
                    + "for them, 404 when it names no patient); the patient's rules apply and the audit trail names "
                    + "the receptionist. A patient always books for themselves: a patientId they send is ignored.")
    ResponseEntity<AppointmentResponse> book(@PathVariable UUID slotId,
                                             @Valid @RequestBody(required = false) BookRequest request,
                                             @AuthenticationPrincipal Caller caller) {
        UUID patientId = patientOf(request == null ? null : request.patientId(), caller);
        if (!accounts.isVerified(patientId)) {
            throw new AccountNotVerifiedException();
        }
        UUID appointmentId = UUID.randomUUID();
        UUID holdId = request == null ? null : request.holdId();
        commandGateway.sendAndWait(new BookSlot(slotId, appointmentId, patientId, holdId, clock.instant()));
        return ResponseEntity.created(URI.create("/api/appointments/" + appointmentId))
                .body(new AppointmentResponse(appointmentId, slotId, patientId, "booked"));
    }

    /** Who a booking is for: the signed-in patient, or the patient the front desk names. */
    private UUID patientOf(UUID named, Caller caller) {
        if (caller.is(Role.PATIENT)) {
            return caller.accountId();
        }
        if (named == null) {
            throw new InvalidInputException("patientId", "is required when the front desk books");
        }
        if (!accounts.isActive(named, Role.PATIENT)) {
            throw new NotFoundException("No patient " + named + " exists.");
        }
        return named;
    }

    @PostMapping("/api/slots/{slotId}/hold")
    @PreAuthorize("hasRole('PATIENT')")
    @Operation(summary = "Hold a free slot for the signed-in patient for a short time (default 5 minutes)",
            description = "201 with the hold; nobody else can hold or book the slot until you book it (quoting the "
                    + "holdId), let it go or the hold expires at expiresAt. Holding a slot you already hold answers "
                    + "that hold again (200, same holdId and expiresAt: it is not extended) until it expires. 409 when the "
                    + "slot is not free; 422 too-many-holds beyond careslot.booking.maximum-active-holds (default 1) "
                    + "held at once, too-short-notice or too-far-ahead outside the booking window; 403 until the "
                    + "patient has verified their email. When the doctor is paid online, the answer has a payment "
                    + "(amount in the currency's smallest unit, the PaymentIntent's client secret and the publishable "
                    + "key for Stripe.js): Stripe's webhook then books the slot; 503 payment-unavailable (and no hold) "
                    + "when Stripe cannot be reached.")
    ResponseEntity<HoldResponse> hold(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        if (!accounts.isVerified(caller.accountId())) {
            throw new AccountNotVerifiedException();
        }
        UUID holdId = UUID.randomUUID();
        SlotHeld held = commandGateway.sendAndWait(
                new HoldSlot(slotId, holdId, caller.accountId(), clock.instant()));
        HoldResponse hold = new HoldResponse(held.holdId(), slotId, held.expiresAt(), payment(held));
        return held.holdId().equals(holdId)
                ? ResponseEntity.created(URI.create("/api/slots/" + slotId + "/hold")).body(hold)
                : ResponseEntity.ok(hold);
    }

    /** The fee of a doctor paid online, asked of Stripe for this hold; a hold Stripe cannot take is let go. */
    private PaymentHandle payment(SlotHeld held) {
        if (!payments.configured()) {
            return null;
        }
        try {
            return commandGateway.sendAndWait(
                    RequestPayment.forHold(held.slotId(), held.holdId(), held.doctorId(), held.patientId()));
        } catch (PaymentUnavailableException unavailable) {
            commandGateway.sendAndWait(new ReleaseHold(held.slotId(), held.patientId()));
            throw unavailable;
        }
    }

    @DeleteMapping("/api/slots/{slotId}/hold")
    @PreAuthorize("hasRole('PATIENT')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Let go of your hold; the slot is free again at once",
            description = "403 when someone else holds the slot; 409 when it is not held.")
    void release(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        commandGateway.sendAndWait(new ReleaseHold(slotId, caller.accountId()));
    }

    @PostMapping("/api/slots/{slotId}/cancel")
    @PreAuthorize("hasAnyRole('PATIENT', 'DOCTOR', 'ADMIN', 'RECEPTIONIST')")
    @Operation(summary = "Cancel the slot's booking; the slot is free again",
            description = "The booking's patient (422 within the cutoff before the start, default 2 hours), the "
                    + "slot's doctor (a reason is required), a receptionist or an admin; with unavailable=true a doctor or admin "
                    + "also blocks the slot. 409 when not booked.")
    AppointmentResponse cancel(@PathVariable UUID slotId,
                               @Valid @RequestBody(required = false) CancelRequest request,
                               @AuthenticationPrincipal Caller caller) {
        String reason = request == null ? null : request.reason();
        boolean unavailable = request != null && Boolean.TRUE.equals(request.unavailable());
        BookingCancelled cancelled = commandGateway.sendAndWait(
                new CancelBooking(slotId, reason, caller.actor(), clock.instant(), unavailable));
        return new AppointmentResponse(cancelled.appointmentId(), slotId, cancelled.patientId(), "cancelled");
    }

    @PostMapping("/api/slots/{slotId}/reschedule")
    @PreAuthorize("hasAnyRole('PATIENT', 'ADMIN', 'RECEPTIONIST')")
    @Operation(summary = "Move the slot's booking to another free slot; the appointment keeps its id",
            description = "The booking's patient (not within the cancellation cutoff), a receptionist or an admin. Atomic: when the "
                    + "new slot is taken (409 slot-not-free) the booking stays where it was.")
    AppointmentResponse reschedule(@PathVariable UUID slotId, @Valid @RequestBody RescheduleRequest request,
                                   @AuthenticationPrincipal Caller caller) {
        BookingMovedIn moved = commandGateway.sendAndWait(
                new RescheduleAppointment(slotId, request.toSlotId(), caller.actor(), clock.instant()));
        return new AppointmentResponse(moved.appointmentId(), moved.slotId(), moved.patientId(), "booked");
    }

    record RescheduleRequest(@NotNull UUID toSlotId) {
    }

    record OpenSlotRequest(@NotNull Instant start, @NotNull Instant end) {
    }

    /** {@code holdId} names the caller's hold to confirm; {@code patientId} is for the front desk only. */
    record BookRequest(UUID holdId, UUID patientId) {
    }

    record HoldResponse(UUID holdId, UUID slotId, Instant expiresAt, PaymentHandle payment) {
    }

    record CancelRequest(@Size(max = 500) String reason, Boolean unavailable) {
    }

    record AppointmentResponse(UUID appointmentId, UUID slotId, UUID patientId, String status) {
    }
}
