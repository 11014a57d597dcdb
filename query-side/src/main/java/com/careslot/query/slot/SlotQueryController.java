package com.careslot.query.slot;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.api.slot.FindSlots;
import com.careslot.api.slot.GetSlot;
import com.careslot.api.slot.SlotPage;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotView;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;
import com.careslot.platform.web.NotFoundException;
import com.careslot.query.listing.CountLimit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@ReadsFrom({"slot-view", "doctor-directory"})
@Tag(name = "Slots (reads)")
class SlotQueryController {

    private final QueryGateway queryGateway;
    private final CountLimit countLimit;

    SlotQueryController(QueryGateway queryGateway, CountLimit countLimit) {
        this.queryGateway = queryGateway;
        this.countLimit = countLimit;
    }

    @GetMapping("/api/slots")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Slots in start order (first available first), filtered by doctor, specialization, status "
            + "and a [from, to) window of start times",
            description = "Open to everyone; who booked or holds a slot is shown only to that patient, the slot's "
                    + "doctor and admins. specialization (the whole name, ignoring case) spans its listed doctors. "
                    + "totalItems counts the matching slots up to a limit (careslot.queries.count-limit, 10,000 by "
                    + "default): when more match it is the limit and totalItemsExact is false. A page starting at or "
                    + "past the limit (page × size ≥ limit) is refused with 400 naming page: narrow the window instead.")
    SlotPage find(@AuthenticationPrincipal Caller caller,
                  @RequestParam(required = false) UUID doctorId,
                  @RequestParam(required = false) @Size(max = 100) String specialization,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                  @RequestParam(required = false) SlotStatus status,
                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        countLimit.requireWithin(page, size);
        SlotPage slots = queryGateway.query(new FindSlots(doctorId,
                        specialization == null || specialization.isBlank() ? null : specialization.strip(), from, to,
                        status, page, size), SlotPage.class)
                .join();
        return new SlotPage(slots.items().stream().map(slot -> visibleTo(caller, slot)).toList(), slots.page(),
                slots.size(), slots.totalItems(), slots.totalItemsExact());
    }

    @GetMapping("/api/slots/{slotId}")
    @PreAuthorize("permitAll()")
    @Operation(summary = "One slot with its current status")
    SlotView get(@PathVariable UUID slotId, @AuthenticationPrincipal Caller caller) {
        Optional<SlotView> slot = queryGateway
                .query(new GetSlot(slotId), ResponseTypes.optionalInstanceOf(SlotView.class)).join();
        return visibleTo(caller, slot.orElseThrow(() -> new NotFoundException("No slot " + slotId + " exists.")));
    }

    /**
     * Who booked or holds a slot is personal: only that patient, the slot's doctor, the front desk and admins see who
     * it is.
     */
    static SlotView visibleTo(Caller caller, SlotView slot) {
        boolean entitled = caller != null && (caller.is(Role.ADMIN) || caller.is(Role.RECEPTIONIST)
                || caller.accountId().equals(slot.doctorId()) || caller.accountId().equals(slot.patientId()));
        return entitled || slot.patientId() == null ? slot
                : new SlotView(slot.slotId(), slot.doctorId(), slot.start(), slot.end(), slot.status(), null, null, null);
    }
}
