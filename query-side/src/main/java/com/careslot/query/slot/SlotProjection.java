package com.careslot.query.slot;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
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
import com.careslot.api.slot.WatchSlots;
import com.careslot.query.doctor.ListedDoctors;

/** Keeps one row per slot with its current status, and answers the slot queries from it. */
@Component
@ProcessingGroup("slot-view")
class SlotProjection {

    private static final Sort FIRST_AVAILABLE = Sort.by("start", "slotId");

    private static final int WATCH_SNAPSHOT_SIZE = 200;

    private final SlotRepository slots;
    private final QueryUpdateEmitter updates;
    private final Clock clock;

    SlotProjection(SlotRepository slots, QueryUpdateEmitter updates, Clock clock) {
        this.slots = slots;
        this.updates = updates;
        this.clock = clock;
    }

    @EventHandler
    void on(SlotOpened event, @Timestamp Instant at, ReplayStatus replay) {
        SlotEntry slot = slots.save(new SlotEntry(event.slotId(), event.doctorId(), event.start(), event.end(), at));
        announce(slot, replay);
    }

    @EventHandler
    void on(SlotHeld event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.held(event.patientId(), at));
    }

    @EventHandler
    void on(HoldExpired event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.freed(at));
    }

    @EventHandler
    void on(HoldReleased event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.freed(at));
    }

    @EventHandler
    void on(SlotBooked event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.booked(event.appointmentId(), event.patientId(), at));
    }

    @EventHandler
    void on(BookingCancelled event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.freed(at));
    }

    @EventHandler
    void on(BookingMovedOut event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.freed(at));
    }

    @EventHandler
    void on(BookingMovedIn event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.booked(event.appointmentId(), event.patientId(), at));
    }

    @EventHandler
    void on(SlotBlocked event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.becomes(SlotStatus.BLOCKED, at));
    }

    @EventHandler
    void on(SlotUnblocked event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.becomes(SlotStatus.FREE, at));
    }

    @EventHandler
    void on(SlotRemoved event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.becomes(SlotStatus.REMOVED, at));
    }

    @EventHandler
    void on(PatientCheckedIn event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.attendance(AppointmentStatus.CHECKED_IN, at));
    }

    @EventHandler
    void on(AppointmentFulfilled event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.attendance(AppointmentStatus.FULFILLED, at));
    }

    @EventHandler
    void on(PatientNoShow event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.attendance(AppointmentStatus.NOSHOW, at));
    }

    /** Live subscribers hear of changes as they happen; a replay retells history nobody is waiting for. */
    private void change(UUID slotId, ReplayStatus replay, Consumer<SlotEntry> change) {
        slots.findById(slotId).ifPresent(slot -> {
            change.accept(slot);
            announce(slot, replay);
        });
    }

    private void announce(SlotEntry slot, ReplayStatus replay) {
        if (!replay.isReplay()) {
            SlotView view = slot.view();
            updates.emit(WatchSlots.class, watch -> watch.doctorId().equals(view.doctorId()), view);
        }
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
    SlotPage handle(WatchSlots query) {
        return handle(new FindSlots(query.doctorId(), clock.instant(), null, null, 0, WATCH_SNAPSHOT_SIZE));
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
