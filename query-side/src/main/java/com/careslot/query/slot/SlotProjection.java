package com.careslot.query.slot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import com.careslot.api.slot.SlotMoved;
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
import com.careslot.query.listing.CountLimit;

/**
 * Keeps one row per slot with its current status, and answers the slot queries from it: each page in one statement
 * walking an index in start order, and its total counted up to the {@link CountLimit} (docs/READ-MODELS.md).
 */
@Component
@ProcessingGroup("slot-view")
class SlotProjection {

    /** The columns of a {@link SlotView}, in the order of {@link #view}. */
    private static final String COLUMNS = """
            select s.slot_id, s.doctor_id, s.start_at, s.end_at, s.status, s.appointment_id, s.patient_id,
                   s.appointment_status
            from query_side.slot s
            """;

    private static final int WATCH_SNAPSHOT_SIZE = 200;

    /** The aggregate whose events this view follows; its identifier is the slot's. */
    private static final String SLOT = "Slot";
    private static final String LOADED = SlotProjection.class.getName() + ".loaded";

    private final SlotRepository slots;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final CountLimit countLimit;

    SlotProjection(SlotRepository slots, QueryUpdateEmitter updates, Clock clock, JdbcClient jdbc,
                   CountLimit countLimit) {
        this.slots = slots;
        this.updates = updates;
        this.clock = clock;
        this.jdbc = jdbc;
        this.countLimit = countLimit;
    }

    @EventHandler
    void on(SlotOpened event, @Timestamp Instant at, ReplayStatus replay) {
        SlotEntry slot = slots.save(new SlotEntry(event.slotId(), event.doctorId(), event.start(), event.end(), at));
        announce(slot, replay);
    }

    @EventHandler
    void on(SlotMoved event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.slotId(), replay, slot -> slot.moved(event.start(), event.end(), at));
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
        loadBatch();
        slots.findById(slotId).ifPresent(slot -> {
            change.accept(slot);
            announce(slot, replay);
        });
    }

    /**
     * The slots of the processor's whole batch, read in one statement when its first change is handled: the other
     * events of the batch find theirs in the transaction's persistence context. A rebuild read each slot on its own,
     * a fifth of the view's CPU.
     */
    private void loadBatch() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        if (unit instanceof BatchingUnitOfWork<?> batch && batch.getMessages().size() > 1) {
            batch.getOrComputeResource(LOADED, key -> {
                slots.findAllById(batch.getMessages().stream()
                        .filter(message -> message instanceof DomainEventMessage<?> event && SLOT.equals(event.getType()))
                        .map(message -> UUID.fromString(((DomainEventMessage<?>) message).getAggregateIdentifier()))
                        .distinct().toList());
                return Boolean.TRUE;
            });
        }
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
        StringBuilder where = new StringBuilder(
                query.status() == null ? "s.status <> 'REMOVED'" : "s.status = :status");
        if (query.doctorId() != null) {
            where.append(" and s.doctor_id = :doctorId");
        }
        if (query.specialization() != null) {
            // An array, not "in (subquery)": the page walks slot_status_start in start order and checks each slot's
            // doctor against it (a join probed the doctor table for every slot walked), the count probes
            // slot_doctor_status_start once per doctor
            where.append(" and s.doctor_id = any(array(").append(ListedDoctors.IN_SPECIALIZATION).append("))");
        }
        if (query.from() != null) {
            where.append(" and s.start_at >= :from");
        }
        if (query.to() != null) {
            where.append(" and s.start_at < :to");
        }
        List<SlotView> items = bind(jdbc.sql(COLUMNS + "where " + where
                + " order by s.start_at, s.slot_id limit :size offset :offset"), query)
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(SlotProjection::view).list();
        CountLimit.Total total = countLimit.total(bind(jdbc.sql(
                countLimit.counting("select 1 from query_side.slot s where " + where)), query)
                .query(Long.class).single());
        return new SlotPage(items, query.page(), query.size(), total.items(), total.exact());
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, FindSlots query) {
        if (query.status() != null) {
            statement = statement.param("status", query.status().name());
        }
        if (query.doctorId() != null) {
            statement = statement.param("doctorId", query.doctorId());
        }
        if (query.specialization() != null) {
            statement = statement.param("specialization", query.specialization().toLowerCase(Locale.ROOT));
        }
        if (query.from() != null) {
            statement = statement.param("from", utc(query.from()));
        }
        if (query.to() != null) {
            statement = statement.param("to", utc(query.to()));
        }
        return statement;
    }

    private static SlotView view(ResultSet rs, int row) throws SQLException {
        return new SlotView(rs.getObject("slot_id", UUID.class), rs.getObject("doctor_id", UUID.class),
                instant(rs, "start_at"), instant(rs, "end_at"), SlotStatus.valueOf(rs.getString("status")),
                rs.getObject("appointment_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("appointment_status"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
