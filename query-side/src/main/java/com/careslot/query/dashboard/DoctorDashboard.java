package com.careslot.query.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.dashboard.DashboardView.Rate;
import com.careslot.api.dashboard.DoctorDashboardView;
import com.careslot.api.dashboard.DoctorDashboardView.NextFreeSlot;
import com.careslot.api.dashboard.DoctorDashboardView.Period;
import com.careslot.api.dashboard.DoctorDashboardView.Utilization;
import com.careslot.api.dashboard.DoctorDashboardView.Week;
import com.careslot.api.dashboard.GetDoctorDashboard;
import com.careslot.api.slot.AppointmentStatus;

/**
 * A doctor's own dashboard, computed when asked from the directory, slot and appointment read models: the
 * appointments and slots of the last 12 weeks of the doctor's calendar are counted per local day in two grouped
 * statements (walking the doctor's start-ordered indexes), and summed here into today, this week and each week.
 */
@Component
class DoctorDashboard {

    static final int WEEKS = 12;

    private final JdbcClient jdbc;

    DoctorDashboard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<DoctorDashboardView> handle(GetDoctorDashboard query) {
        return doctor(query.doctorId()).map(profile -> dashboard(query, profile));
    }

    private DoctorDashboardView dashboard(GetDoctorDashboard query, Profile profile) {
        ZoneId zone = profile.zone();
        LocalDate today = LocalDate.ofInstant(query.at(), zone);
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = weekStart.minusWeeks(WEEKS - 1);
        LocalDate end = weekStart.plusWeeks(1);
        OffsetDateTime from = first.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime until = end.atStartOfDay(zone).toOffsetDateTime();

        Map<LocalDate, Map<String, Long>> appointments = new HashMap<>();
        jdbc.sql("""
                        select (start_at at time zone :zone)::date as day, status, count(*) as n
                        from query_side.appointment
                        where doctor_id = :doctorId and start_at >= :from and start_at < :until
                        group by 1, 2""")
                .param("zone", zone.getId()).param("doctorId", query.doctorId())
                .param("from", from).param("until", until)
                .query(rs -> {
                    appointments.computeIfAbsent(rs.getObject("day", LocalDate.class), day -> new HashMap<>())
                            .merge(rs.getString("status"), rs.getLong("n"), Long::sum);
                });
        Map<LocalDate, long[]> slots = new HashMap<>();
        jdbc.sql("""
                        select (start_at at time zone :zone)::date as day,
                               count(*) filter (where status <> 'REMOVED') as opened,
                               count(*) filter (where status = 'BOOKED') as booked
                        from query_side.slot
                        where doctor_id = :doctorId and start_at >= :from and start_at < :until
                        group by 1""")
                .param("zone", zone.getId()).param("doctorId", query.doctorId())
                .param("from", from).param("until", until)
                .query(rs -> {
                    slots.put(rs.getObject("day", LocalDate.class),
                            new long[] {rs.getLong("opened"), rs.getLong("booked")});
                });
        long patientsSeen = jdbc.sql("""
                        select count(distinct patient_id) from query_side.appointment
                        where doctor_id = :doctorId and start_at >= :from and start_at < :until
                          and status = 'fulfilled'""")
                .param("doctorId", query.doctorId()).param("from", from).param("until", until)
                .query(Long.class).single();

        List<Week> weeks = new ArrayList<>(WEEKS);
        Map<String, Long> window = byStatus(appointments, first, end);
        for (LocalDate week = first; week.isBefore(end); week = week.plusWeeks(1)) {
            Map<String, Long> counted = byStatus(appointments, week, week.plusWeeks(1));
            long fulfilled = counted.get(AppointmentStatus.FULFILLED.code());
            weeks.add(new Week(week, total(counted), fulfilled, counted.get(AppointmentStatus.NOSHOW.code()),
                    counted.get(AppointmentStatus.CANCELLED.code()), utilization(slots, week, week.plusWeeks(1)),
                    profile.fee() == null ? null : profile.fee().multiply(BigDecimal.valueOf(fulfilled))));
        }
        long noShows = window.get(AppointmentStatus.NOSHOW.code());
        long attended = noShows + window.get(AppointmentStatus.FULFILLED.code())
                + window.get(AppointmentStatus.CHECKED_IN.code());
        BigDecimal feesEarned = profile.fee() == null ? null : profile.fee().multiply(
                BigDecimal.valueOf(window.get(AppointmentStatus.FULFILLED.code())));

        return new DoctorDashboardView(query.doctorId(), zone.getId(), today, weekStart, profile.fee(),
                period(appointments, slots, today, today.plusDays(1)),
                period(appointments, slots, weekStart, weekStart.plusWeeks(1)),
                rate(window.get(AppointmentStatus.CANCELLED.code()), total(window)), rate(noShows, attended),
                patientsSeen, feesEarned, weeks, nextFreeSlot(query.doctorId(), query.at()));
    }

    private Optional<Profile> doctor(UUID doctorId) {
        return jdbc.sql("select time_zone, fee from query_side.doctor where doctor_id = ?").param(doctorId)
                .query((rs, row) -> new Profile(zone(rs.getString("time_zone")), rs.getBigDecimal("fee")))
                .optional();
    }

    private Optional<NextFreeSlot> nextFreeSlotOf(UUID doctorId, Instant at) {
        return jdbc.sql("""
                        select slot_id, start_at, end_at from query_side.slot
                        where doctor_id = ? and status = 'FREE' and start_at > ?
                        order by start_at, slot_id limit 1""")
                .params(doctorId, at.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new NextFreeSlot(rs.getObject("slot_id", UUID.class),
                        rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("end_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private NextFreeSlot nextFreeSlot(UUID doctorId, Instant at) {
        return nextFreeSlotOf(doctorId, at).orElse(null);
    }

    private static Period period(Map<LocalDate, Map<String, Long>> appointments, Map<LocalDate, long[]> slots,
                                 LocalDate from, LocalDate until) {
        Map<String, Long> counted = byStatus(appointments, from, until);
        return new Period(from, until, counted, total(counted), utilization(slots, from, until));
    }

    /** Every status, in the FHIR order of {@link AppointmentStatus}, summed over the days {@code [from, until)}. */
    private static Map<String, Long> byStatus(Map<LocalDate, Map<String, Long>> appointments, LocalDate from,
                                              LocalDate until) {
        Map<String, Long> counted = new LinkedHashMap<>();
        for (AppointmentStatus status : AppointmentStatus.values()) {
            counted.put(status.code(), 0L);
        }
        for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
            appointments.getOrDefault(day, Map.of()).forEach((status, n) -> counted.merge(status, n, Long::sum));
        }
        return counted;
    }

    private static Utilization utilization(Map<LocalDate, long[]> slots, LocalDate from, LocalDate until) {
        long opened = 0;
        long booked = 0;
        for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
            long[] counted = slots.getOrDefault(day, new long[2]);
            opened += counted[0];
            booked += counted[1];
        }
        return new Utilization(ratio(booked, opened), booked, opened);
    }

    private static long total(Map<String, Long> byStatus) {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Rate rate(long numerator, long denominator) {
        return new Rate(ratio(numerator, denominator), numerator, denominator);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    /** A zone the command side accepted; UTC should an unknown one ever reach the read model. */
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    private record Profile(ZoneId zone, BigDecimal fee) {
    }
}
