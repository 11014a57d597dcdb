package com.careslot.query.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.dashboard.DashboardView;
import com.careslot.api.dashboard.DashboardView.DailyBookings;
import com.careslot.api.dashboard.DashboardView.Rate;
import com.careslot.api.dashboard.GetDashboard;
import com.careslot.api.slot.AppointmentStatus;

/**
 * The admin dashboard, computed when asked from the directory, slot and appointment read models: five aggregate
 * statements whatever the number of doctors, slots or appointments. It keeps no table of its own.
 */
@Component
class Dashboard {

    static final int DAYS = 30;

    private final JdbcClient jdbc;

    Dashboard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    DashboardView handle(GetDashboard query) {
        Map<String, Object> people = jdbc.sql("""
                select (select count(*) from query_side.doctor where status = 'ACTIVE') as listed,
                       (select count(*) from query_side.doctor where status = 'PENDING') as pending,
                       (select count(*) from query_side.patient) as registered,
                       (select count(*) from query_side.patient where email_confirmed) as confirmed""")
                .query().singleRow();
        long listed = number(people.get("listed"));

        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (AppointmentStatus status : AppointmentStatus.values()) {
            byStatus.put(status.code(), 0L);
        }
        jdbc.sql("select status, count(*) as n from query_side.appointment group by status")
                .query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list().forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        long appointments = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long cancelled = byStatus.get(AppointmentStatus.CANCELLED.code());
        long noShows = byStatus.get(AppointmentStatus.NOSHOW.code());
        long attendanceRecorded = noShows + byStatus.get(AppointmentStatus.FULFILLED.code())
                + byStatus.get(AppointmentStatus.CHECKED_IN.code());

        return new DashboardView(
                new DashboardView.Doctors(listed, number(people.get("pending"))),
                new DashboardView.Patients(number(people.get("registered")), number(people.get("confirmed"))),
                byStatus, appointments, bookingsPerDay(query.at()),
                rate(cancelled, appointments), rate(noShows, attendanceRecorded),
                utilization(query.page(), query.size(), listed), busiestSpecializations(query.top()), revenue());
    }

    /** Paid and refunded online payments per currency, from the payment-view. */
    private List<DashboardView.Revenue> revenue() {
        return jdbc.sql("""
                        select currency, sum(amount) as paid, sum(refunded) as refunded, count(*) as payments,
                               count(*) filter (where refunded > 0) as refunds
                        from query_side.appointment_payment
                        where paid_at is not null
                        group by currency
                        order by currency""")
                .query((rs, row) -> {
                    int digits = Math.max(Currency.getInstance(rs.getString("currency").toUpperCase(Locale.ROOT))
                            .getDefaultFractionDigits(), 0);
                    BigDecimal paid = BigDecimal.valueOf(rs.getLong("paid"), digits);
                    BigDecimal refunded = BigDecimal.valueOf(rs.getLong("refunded"), digits);
                    return new DashboardView.Revenue(rs.getString("currency"), paid, refunded,
                            paid.subtract(refunded), rs.getLong("payments"), rs.getLong("refunds"));
                })
                .list();
    }

    /** Every UTC day of the last 30, today included, oldest first; days without bookings count 0. */
    private List<DailyBookings> bookingsPerDay(Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Map<LocalDate, Long> counted = new HashMap<>();
        jdbc.sql("""
                        select (booked_at at time zone 'UTC')::date as day, count(*) as n
                        from query_side.appointment
                        where booked_at >= :since and booked_at < :until
                        group by 1""")
                .param("since", first.atStartOfDay().atOffset(ZoneOffset.UTC))
                .param("until", today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query((rs, row) -> Map.entry(rs.getObject("day", LocalDate.class), rs.getLong("n")))
                .list().forEach(entry -> counted.put(entry.getKey(), entry.getValue()));
        List<DailyBookings> days = new ArrayList<>(DAYS);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new DailyBookings(day, counted.getOrDefault(day, 0L)));
        }
        return days;
    }

    private DashboardView.UtilizationPage utilization(int page, int size, long listed) {
        List<DashboardView.Utilization> items = jdbc.sql("""
                        select d.doctor_id, d.full_name, d.specialization,
                               coalesce(u.booked, 0) as booked, coalesce(u.opened, 0) as opened
                        from query_side.doctor d
                        left join (select s.doctor_id,
                                          count(*) filter (where s.status <> 'REMOVED') as opened,
                                          count(*) filter (where s.status = 'BOOKED') as booked
                                   from query_side.slot s
                                   group by s.doctor_id) u on u.doctor_id = d.doctor_id
                        where d.status = 'ACTIVE'
                        order by u.booked::numeric / nullif(u.opened, 0) desc nulls last, d.doctor_id
                        limit :size offset :offset""")
                .param("size", size).param("offset", (long) page * size)
                .query((rs, row) -> new DashboardView.Utilization(rs.getObject("doctor_id", UUID.class),
                        rs.getString("full_name"), rs.getString("specialization"), rs.getLong("booked"),
                        rs.getLong("opened"), ratio(rs.getLong("booked"), rs.getLong("opened"))))
                .list();
        return new DashboardView.UtilizationPage(items, page, size, listed);
    }

    private DashboardView.Specializations busiestSpecializations(int top) {
        List<Object[]> rows = jdbc.sql("""
                        select min(d.specialization) as name, count(*) as doctors,
                               coalesce(sum(a.n), 0) as appointments, count(*) over () as total
                        from query_side.doctor d
                        left join (select doctor_id, count(*) as n from query_side.appointment
                                   where status <> 'cancelled' group by doctor_id) a on a.doctor_id = d.doctor_id
                        where d.status = 'ACTIVE'
                        group by lower(d.specialization)
                        order by appointments desc, lower(min(d.specialization))
                        limit :top""")
                .param("top", top)
                .query((rs, row) -> new Object[] {new DashboardView.Specialization(rs.getString("name"),
                        rs.getLong("doctors"), rs.getLong("appointments")), rs.getLong("total")})
                .list();
        long total = rows.isEmpty() ? 0 : (long) rows.get(0)[1];
        return new DashboardView.Specializations(
                rows.stream().map(row -> (DashboardView.Specialization) row[0]).toList(), top, total);
    }

    private static Rate rate(long numerator, long denominator) {
        return new Rate(ratio(numerator, denominator), numerator, denominator);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
