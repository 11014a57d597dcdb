package com.careslot.query.slot;

import java.time.Instant;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.HoldExpired;
import com.careslot.api.slot.HoldReleased;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.SlotBlocked;
import com.careslot.api.slot.SlotRemoved;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotUnblocked;
import com.careslot.api.slot.FindSlots;
import com.careslot.api.slot.GetSlot;
import com.careslot.api.slot.SlotBooked;
import com.careslot.api.slot.SlotHeld;
import com.careslot.api.slot.SlotOpened;
import com.careslot.api.slot.SlotPage;
import com.careslot.api.slot.SlotView;
import com.careslot.query.doctor.ListedDoctors;

/** Keeps one row per slot with its current status, and answers the slot queries from it. */
@Component
@ProcessingGroup("slot-view")
class SlotProjection {

    private static final Sort FIRST_AVAILABLE = Sort.by("start", "slotId");

    private final SlotRepository slots;

    SlotProjection(SlotRepository slots) {
        this.slots = slots;
    }

    @EventHandler
    void on(SlotOpened event, @Timestamp Instant at) {
        slots.save(new SlotEntry(event.slotId(), event.doctorId(), event.start(), event.end(), at));
    }

    @EventHandler
    void on(SlotHeld event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.held(event.patientId(), at));
    }

    @EventHandler
    void on(HoldExpired event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.freed(at));
    }

    @EventHandler
    void on(HoldReleased event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.freed(at));
    }

    @EventHandler
    void on(SlotBooked event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.booked(event.appointmentId(), event.patientId(), at));
    }

    @EventHandler
    void on(BookingCancelled event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.freed(at));
    }

    @EventHandler
    void on(BookingMovedOut event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.freed(at));
    }

    @EventHandler
    void on(BookingMovedIn event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.booked(event.appointmentId(), event.patientId(), at));
    }

    @EventHandler
    void on(SlotBlocked event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.becomes(SlotStatus.BLOCKED, at));
    }

    @EventHandler
    void on(SlotUnblocked event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.becomes(SlotStatus.FREE, at));
    }

    @EventHandler
    void on(SlotRemoved event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.becomes(SlotStatus.REMOVED, at));
    }

    @EventHandler
    void on(PatientCheckedIn event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.attendance(AppointmentStatus.CHECKED_IN, at));
    }

    @EventHandler
    void on(AppointmentFulfilled event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.attendance(AppointmentStatus.FULFILLED, at));
    }

    @EventHandler
    void on(PatientNoShow event, @Timestamp Instant at) {
        slots.findById(event.slotId()).ifPresent(slot -> slot.attendance(AppointmentStatus.NOSHOW, at));
    }

    @ResetHandler
    void reset() {
        slots.deleteAllInBatch();
    }

    @QueryHandler
    Optional<SlotView> handle(GetSlot query) {
        return slots.findById(query.slotId()).map(SlotEntry::view);
    }

    @QueryHandler
    SlotPage handle(FindSlots query) {
        Specification<SlotEntry> matching = (root, q, cb) -> cb.conjunction();
        if (query.doctorId() != null) {
            matching = matching.and((root, q, cb) -> cb.equal(root.get("doctorId"), query.doctorId()));
        }
        if (query.specialization() != null) {
            matching = matching.and((root, q, cb) ->
                    root.get("doctorId").in(ListedDoctors.inSpecialization(q, cb, query.specialization())));
        }
        if (query.status() != null) {
            matching = matching.and((root, q, cb) -> cb.equal(root.get("status"), query.status()));
        } else {
            matching = matching.and((root, q, cb) -> cb.notEqual(root.get("status"), SlotStatus.REMOVED));
        }
        if (query.from() != null) {
            matching = matching.and((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("start"), query.from()));
        }
        if (query.to() != null) {
            matching = matching.and((root, q, cb) -> cb.lessThan(root.get("start"), query.to()));
        }
        Page<SlotEntry> page = slots.findAll(matching, PageRequest.of(query.page(), query.size(), FIRST_AVAILABLE));
        return new SlotPage(page.map(SlotEntry::view).toList(), query.page(), query.size(), page.getTotalElements());
    }
}
