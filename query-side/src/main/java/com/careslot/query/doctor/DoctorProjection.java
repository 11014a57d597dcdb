package com.careslot.query.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.doctor.DoctorAdmissionPage;
import com.careslot.api.doctor.DoctorApplied;
import com.careslot.api.doctor.DoctorApproved;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorPage;
import com.careslot.api.doctor.DoctorProfileUpdated;
import com.careslot.api.doctor.DoctorRejected;
import com.careslot.api.doctor.DoctorStatus;
import com.careslot.api.doctor.DoctorView;
import com.careslot.api.doctor.FindDoctors;
import com.careslot.api.doctor.FindDoctorsByStatus;
import com.careslot.api.doctor.FindSpecializations;
import com.careslot.api.doctor.GetDoctor;
import com.careslot.api.doctor.SpecializationPage;
import com.careslot.api.doctor.SpecializationView;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps one row per doctor with the current profile and status, and answers the directory from it. A doctor's next
 * free slot is not stored: each page reads it from the slot table in the same statement (a lateral join probing
 * {@code slot_doctor_status_start} once per doctor on the page, after the page's doctors are chosen).
 */
@Component
@ProcessingGroup("doctor-directory")
class DoctorProjection {

    private static final String LISTED = "d.status = 'ACTIVE'";
    /**
     * The doctors chosen by {@code %s} (a condition, perhaps with an order and a limit), each with the first free slot
     * starting after {@code :at}, read in the same statement. The doctors are chosen first, in a subquery, so the slot
     * index is probed once per doctor on the page, never once per doctor skipped or filtered out.
     */
    private static final String WITH_NEXT_FREE_SLOT = """
            select d.doctor_id, d.full_name, d.specialization, d.time_zone, d.qualifications::text as qualifications,
                   d.years_of_experience, d.fee, d.bio, n.slot_id, n.start_at, n.end_at
            from (select * from query_side.doctor d where %s) d
            left join lateral (
                select s.slot_id, s.start_at, s.end_at from query_side.slot s
                where s.doctor_id = d.doctor_id and s.status = 'FREE' and s.start_at > :at
                order by s.start_at, s.slot_id
                limit 1) n on true
            """;
    private static final String DIRECTORY_ORDER = " order by lower(d.full_name), d.doctor_id";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DoctorEntryRepository doctors;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DoctorProjection(DoctorEntryRepository doctors, JdbcClient jdbc, ObjectMapper json) {
        this.doctors = doctors;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(DoctorOnboarded event, @Timestamp Instant at) {
        doctors.save(new DoctorEntry(event.doctorId(), DoctorStatus.ACTIVE, event.profile(), at));
    }

    @EventHandler
    void on(DoctorApplied event, @Timestamp Instant at) {
        doctors.save(new DoctorEntry(event.doctorId(), DoctorStatus.PENDING, event.profile(), at));
    }

    @EventHandler
    void on(DoctorApproved event, @Timestamp Instant at) {
        doctors.findById(event.doctorId()).ifPresent(doctor -> doctor.becomes(DoctorStatus.ACTIVE, at));
    }

    @EventHandler
    void on(DoctorRejected event, @Timestamp Instant at) {
        doctors.findById(event.doctorId()).ifPresent(doctor -> doctor.becomes(DoctorStatus.REJECTED, at));
    }

    @EventHandler
    void on(DoctorProfileUpdated event, @Timestamp Instant at) {
        doctors.findById(event.doctorId()).ifPresent(doctor -> doctor.profile(event.profile(), at));
    }

    @ResetHandler
    void reset() {
        doctors.deleteAllInBatch();
    }

    @QueryHandler
    DoctorPage handle(FindDoctors query) {
        StringBuilder where = new StringBuilder(LISTED);
        if (query.specialization() != null) {
            where.append(" and lower(d.specialization) = :specialization");
        }
        if (query.name() != null) {
            where.append(" and lower(d.full_name) like :name escape '\\'");
        }
        List<DoctorView> items = bind(jdbc.sql(WITH_NEXT_FREE_SLOT.formatted(where + DIRECTORY_ORDER
                + " limit :size offset :offset") + DIRECTORY_ORDER), query)
                .param("at", utc(query.at()))
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(this::view).list();
        long total = bind(jdbc.sql("select count(*) from query_side.doctor d where " + where), query)
                .query(Long.class).single();
        return new DoctorPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    DoctorAdmissionPage handle(FindDoctorsByStatus query) {
        Page<DoctorEntry> page = doctors.findByStatus(query.status(),
                PageRequest.of(query.page(), query.size(), Sort.by("registeredAt", "doctorId")));
        return new DoctorAdmissionPage(page.map(DoctorEntry::admission).toList(), query.page(), query.size(),
                page.getTotalElements());
    }

    @QueryHandler
    Optional<DoctorView> handle(GetDoctor query) {
        return jdbc.sql(WITH_NEXT_FREE_SLOT.formatted("d.doctor_id = :doctorId and " + LISTED))
                .param("doctorId", query.doctorId())
                .param("at", utc(query.at()))
                .query(this::view).optional();
    }

    @QueryHandler
    SpecializationPage handle(FindSpecializations query) {
        List<Counted> rows = jdbc.sql("""
                        select min(d.specialization) as name, count(*) as doctors, count(*) over () as total
                        from query_side.doctor d
                        where %s
                        group by lower(d.specialization)
                        order by lower(d.specialization)
                        limit :size offset :offset""".formatted(LISTED))
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query((rs, n) -> new Counted(new SpecializationView(rs.getString("name"), rs.getLong("doctors")),
                        rs.getLong("total")))
                .list();
        long total = rows.isEmpty() ? countSpecializations() : rows.get(0).total();
        return new SpecializationPage(rows.stream().map(Counted::view).toList(), query.page(), query.size(), total);
    }

    private long countSpecializations() {
        return jdbc.sql("select count(distinct lower(d.specialization)) from query_side.doctor d where " + LISTED)
                .query(Long.class).single();
    }

    private record Counted(SpecializationView view, long total) {
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, FindDoctors query) {
        if (query.specialization() != null) {
            statement = statement.param("specialization", query.specialization().toLowerCase(Locale.ROOT));
        }
        if (query.name() != null) {
            statement = statement.param("name", "%" + likeEscaped(query.name().toLowerCase(Locale.ROOT)) + "%");
        }
        return statement;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private DoctorView view(ResultSet rs, int row) throws SQLException {
        UUID slotId = rs.getObject("slot_id", UUID.class);
        DoctorView.NextFreeSlot next = slotId == null ? null : new DoctorView.NextFreeSlot(slotId,
                instant(rs, "start_at"), instant(rs, "end_at"));
        return new DoctorView(rs.getObject("doctor_id", UUID.class), rs.getString("full_name"),
                rs.getString("specialization"), rs.getString("time_zone"), strings(rs.getString("qualifications")),
                (Integer) rs.getObject("years_of_experience"), rs.getBigDecimal("fee"), rs.getString("bio"), next);
    }

    private List<String> strings(String array) {
        try {
            return json.readValue(array, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
