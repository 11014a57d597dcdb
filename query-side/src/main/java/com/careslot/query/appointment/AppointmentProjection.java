package com.careslot.query.appointment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.appointment.AppointmentPage;
import com.careslot.api.appointment.AppointmentView;
import com.careslot.api.appointment.DoctorAppointmentPage;
import com.careslot.api.appointment.FindAppointments;
import com.careslot.api.appointment.FindDoctorAppointments;
import com.careslot.api.appointment.FindPatientAppointments;
import com.careslot.api.appointment.GetAppointment;
import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.SlotBooked;
import com.careslot.query.listing.CountLimit;
import com.careslot.api.patient.PersonalDataErased;
import com.careslot.api.privacy.PersonalData;

/**
 * Keeps one row per appointment (booked, moved, cancelled, attended) and answers the appointment lists from it. The
 * doctor's and the patient's names are joined in from the directories when read, never copied: a renamed doctor is
 * renamed everywhere, and personal data stays in one place.
 */
@Component
@ProcessingGroup(AppointmentProcessing.GROUP)
class AppointmentProjection {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private static final String SELECT = """
            select a.appointment_id, a.slot_id, a.doctor_id, d.full_name as doctor_name, d.specialization,
                   a.patient_id, p.full_name as patient_name, a.start_at, a.end_at, a.status, a.booked_at,
                   a.cancelled_at, a.cancelled_by, a.cancellation_reason,
                   ap.status as payment_status, ap.amount as payment_amount, ap.currency as payment_currency,
                   ap.refunded as payment_refunded, ap.payment_intent_id
            from query_side.appointment a
            left join query_side.doctor d on d.doctor_id = a.doctor_id
            left join query_side.patient p on p.patient_id = a.patient_id
            left join query_side.appointment_payment ap on ap.appointment_id = a.appointment_id
            """;

    private final AppointmentEntryRepository appointments;
    private final JdbcClient jdbc;
    private final CountLimit countLimit;

    AppointmentProjection(AppointmentEntryRepository appointments, JdbcClient jdbc, CountLimit countLimit) {
        this.appointments = appointments;
        this.jdbc = jdbc;
        this.countLimit = countLimit;
    }

    @EventHandler
    void on(SlotBooked event, @Timestamp Instant at) {
        appointments.save(new AppointmentEntry(event.appointmentId(), event.slotId(), event.doctorId(),
                event.patientId(), event.start(), event.end(), at));
    }

    @EventHandler
    void on(BookingMovedIn event, @Timestamp Instant at) {
        appointments.findById(event.appointmentId()).ifPresent(appointment ->
                appointment.movedTo(event.slotId(), event.doctorId(), event.start(), event.end(), at));
    }

    @EventHandler
    void on(BookingCancelled event, @Timestamp Instant at, @MetaDataValue("actorRole") String actorRole) {
        appointments.findById(event.appointmentId()).ifPresent(appointment ->
                appointment.cancelled(actorRole, event.reason(), at));
    }

    /** Cancellation reasons the patient's appointments carry read as erased; times, statuses and ids stay. */
    @EventHandler
    void on(PersonalDataErased event) {
        appointments.eraseReasonsOf(event.patientId(), PersonalData.ERASED);
    }

    @EventHandler
    void on(PatientCheckedIn event, @Timestamp Instant at) {
        appointments.findById(event.appointmentId()).ifPresent(a -> a.becomes(AppointmentStatus.CHECKED_IN, at));
    }

    @EventHandler
    void on(AppointmentFulfilled event, @Timestamp Instant at) {
        appointments.findById(event.appointmentId()).ifPresent(a -> a.becomes(AppointmentStatus.FULFILLED, at));
    }

    @EventHandler
    void on(PatientNoShow event, @Timestamp Instant at) {
        appointments.findById(event.appointmentId()).ifPresent(a -> a.becomes(AppointmentStatus.NOSHOW, at));
    }

    @ResetHandler
    void reset() {
        appointments.deleteAllInBatch();
    }

    @QueryHandler
    Optional<AppointmentView> handle(GetAppointment query) {
        return jdbc.sql(SELECT + "where a.appointment_id = :id").param("id", query.appointmentId())
                .query(AppointmentProjection::view).optional();
    }

    @QueryHandler
    AppointmentPage handle(FindPatientAppointments query) {
        Filter filter = new Filter().and("a.patient_id = :patientId", "patientId", query.patientId())
                .and(query.upcoming() ? "a.end_at > :at" : "a.end_at <= :at", "at", utc(query.at()));
        String order = query.upcoming() ? "a.start_at, a.appointment_id" : "a.start_at desc, a.appointment_id desc";
        return page(filter, order, query.page(), query.size());
    }

    @QueryHandler
    DoctorAppointmentPage handle(FindDoctorAppointments query) {
        Instant from = query.from();
        Instant to = query.to();
        if (from == null && to == null) {
            ZoneId zone = timeZoneOf(query.doctorId());
            from = LocalDate.ofInstant(query.at(), zone).atStartOfDay(zone).toInstant();
        }
        if (from == null) {
            from = to.minus(DEFAULT_WINDOW);
        } else if (to == null) {
            to = from.plus(DEFAULT_WINDOW);
        }
        Filter filter = new Filter().and("a.doctor_id = :doctorId", "doctorId", query.doctorId())
                .and("a.start_at >= :from", "from", utc(from))
                .and("a.start_at < :to", "to", utc(to));
        if (query.status() != null) {
            filter.and("a.status = :status", "status", query.status());
        }
        AppointmentPage page = page(filter, "a.start_at, a.appointment_id", query.page(), query.size());
        return new DoctorAppointmentPage(page.items(), page.page(), page.size(), page.totalItems(),
                page.totalItemsExact(), from, to);
    }

    @QueryHandler
    AppointmentPage handle(FindAppointments query) {
        Filter filter = new Filter();
        if (query.status() != null) {
            filter.and("a.status = :status", "status", query.status());
        }
        if (query.doctorId() != null) {
            filter.and("a.doctor_id = :doctorId", "doctorId", query.doctorId());
        }
        if (query.from() != null) {
            filter.and("a.start_at >= :from", "from", utc(query.from()));
        }
        if (query.to() != null) {
            filter.and("a.start_at < :to", "to", utc(query.to()));
        }
        return page(filter, "a.start_at, a.appointment_id", query.page(), query.size());
    }

    /**
     * One statement for the page, with names joined in, and one for the total (up to the {@link CountLimit}): never
     * one per row.
     */
    private AppointmentPage page(Filter filter, String order, int page, int size) {
        List<AppointmentView> items = filter.bind(jdbc.sql(SELECT + filter.where() + " order by " + order
                        + " limit :size offset :offset"))
                .param("size", size).param("offset", (long) page * size)
                .query(AppointmentProjection::view).list();
        CountLimit.Total total = countLimit.total(filter.bind(jdbc.sql(
                countLimit.counting("select 1 from query_side.appointment a " + filter.where())))
                .query(Long.class).single());
        return new AppointmentPage(items, page, size, total.items(), total.exact());
    }

    private ZoneId timeZoneOf(UUID doctorId) {
        return jdbc.sql("select time_zone from query_side.doctor where doctor_id = :id").param("id", doctorId)
                .query(String.class).optional().map(ZoneId::of).orElse(ZoneOffset.UTC);
    }

    private static AppointmentView view(ResultSet rs, int row) throws SQLException {
        return new AppointmentView(rs.getObject("appointment_id", UUID.class), rs.getObject("slot_id", UUID.class),
                rs.getObject("doctor_id", UUID.class), rs.getString("doctor_name"), rs.getString("specialization"),
                rs.getObject("patient_id", UUID.class), rs.getString("patient_name"), instant(rs, "start_at"),
                instant(rs, "end_at"), rs.getString("status"), instant(rs, "booked_at"),
                instant(rs, "cancelled_at"), rs.getString("cancelled_by"), rs.getString("cancellation_reason"),
                payment(rs));
    }

    private static AppointmentView.Payment payment(ResultSet rs) throws SQLException {
        String status = rs.getString("payment_status");
        if (status == null || status.equals("requested")) { // the payment-view has not seen the success yet
            return null;
        }
        String currency = rs.getString("payment_currency");
        int digits = Math.max(Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits(), 0);
        return new AppointmentView.Payment(status, BigDecimal.valueOf(rs.getLong("payment_amount"), digits),
                currency, BigDecimal.valueOf(rs.getLong("payment_refunded"), digits),
                rs.getString("payment_intent_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A where clause built from the filters present, each with its named parameter. */
    private static final class Filter {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object[]> params = new ArrayList<>();

        Filter and(String condition, String name, Object value) {
            conditions.add(condition);
            params.add(new Object[] {name, value});
            return this;
        }

        String where() {
            return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            for (Object[] param : params) {
                statement = statement.param((String) param[0], param[1]);
            }
            return statement;
        }
    }
}
