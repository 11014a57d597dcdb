package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The directory and availability reads use their indexes on a realistic volume: 2,000 listed doctors with 100
 * slots each (set {@code -Dcareslot.test.slots-per-doctor=500} for the benchmark's 1,000,000). The rows are written
 * and analysed in one transaction that is rolled back, so no other test ever sees them. The statements are the
 * shapes {@code DoctorProjection} and {@code SlotProjection} run, pages and their capped counts (docs/READ-MODELS.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelIndexTest {

    static final int DOCTORS = 2_000;
    static final int SLOTS_PER_DOCTOR = Integer.getInteger("careslot.test.slots-per-doctor", 100);

    @Autowired
    DataSource dataSource;

    @Test
    void theDirectoryAndAvailabilityQueriesUseIndexesAtScale() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                seed(sql);

                String directory = plan(sql, """
                        select d.doctor_id, d.full_name, n.slot_id, n.start_at
                        from (select * from query_side.doctor d
                              where d.status = 'ACTIVE' and lower(d.specialization) = 'seeded specialization 7'
                              order by lower(d.full_name), d.doctor_id limit 20 offset 0) d
                        left join lateral (
                            select s.slot_id, s.start_at, s.end_at from query_side.slot s
                            where s.doctor_id = d.doctor_id and s.status = 'FREE' and s.start_at > now()
                            order by s.start_at, s.slot_id limit 1) n on true
                        order by lower(d.full_name), d.doctor_id""");
                assertThat(directory).contains("doctor_listed_by_specialization", "slot_doctor_status_start")
                        .doesNotContain("Seq Scan on slot");

                String wholeDirectory = plan(sql, """
                        select d.doctor_id, n.slot_id
                        from (select * from query_side.doctor d where d.status = 'ACTIVE'
                              order by lower(d.full_name), d.doctor_id limit 20 offset 1000) d
                        left join lateral (
                            select s.slot_id from query_side.slot s
                            where s.doctor_id = d.doctor_id and s.status = 'FREE' and s.start_at > now()
                            order by s.start_at, s.slot_id limit 1) n on true
                        order by lower(d.full_name), d.doctor_id""");
                assertThat(wholeDirectory).contains("doctor_listed_by_name").doesNotContain("Seq Scan on slot");

                String bySpecialization = """
                        from query_side.slot s
                        where s.status = 'FREE'
                          and s.doctor_id = any(array(select d.doctor_id from query_side.doctor d
                                                      where d.status = 'ACTIVE'
                                                        and lower(d.specialization) = 'seeded specialization 7'))
                          and s.start_at >= now()""";
                String availability = plan(sql, "select s.slot_id, s.doctor_id, s.start_at " + bySpecialization
                        + " order by s.start_at, s.slot_id limit 50");
                assertThat(availability).contains("Index").doesNotContain("Seq Scan on slot");
                String availabilityCount = plan(sql,
                        "select count(*) from (select 1 " + bySpecialization + " limit 10001) matching");
                assertThat(availabilityCount).contains("slot_doctor_status_start")
                        .doesNotContain("Seq Scan on slot");

                String firstAvailable = plan(sql, """
                        select s.slot_id from query_side.slot s
                        where s.status = 'FREE' and s.start_at >= now()
                        order by s.start_at, s.slot_id
                        limit 50""");
                assertThat(firstAvailable).contains("slot_status_start").doesNotContain("Seq Scan on slot");

                String oneDoctorsWeek = """
                        from query_side.slot s
                        where s.status = 'FREE'
                          and s.doctor_id = (select doctor_id from query_side.doctor where full_name = 'Dr. Seeded 7')
                          and s.start_at >= now() and s.start_at < now() + interval '7 days'""";
                assertThat(plan(sql, "select s.slot_id, s.end_at " + oneDoctorsWeek
                        + " order by s.start_at, s.slot_id limit 50")).contains("slot_doctor_status_start");
                assertThat(plan(sql, "select count(*) from (select 1 " + oneDoctorsWeek + " limit 10001) matching"))
                        .contains("slot_doctor_status_start");
            } finally {
                connection.rollback();
            }
        }
    }

    private static void seed(Statement sql) throws SQLException {
        sql.execute("""
                insert into query_side.doctor (doctor_id, status, full_name, specialization, time_zone, qualifications,
                                               registered_at, updated_at)
                select gen_random_uuid(), 'ACTIVE', 'Dr. Seeded ' || g, 'Seeded specialization ' || (g %% 20),
                       'Europe/Berlin', '[]'::jsonb, now(), now()
                from generate_series(1, %d) g""".formatted(DOCTORS));
        sql.execute("""
                insert into query_side.slot (slot_id, doctor_id, start_at, end_at, status, updated_at)
                select gen_random_uuid(), d.doctor_id, date_trunc('hour', now()) + make_interval(hours => h),
                       date_trunc('hour', now()) + make_interval(hours => h, mins => 30),
                       case when h %% 3 = 0 then 'BOOKED' when h %% 7 = 0 then 'REMOVED' else 'FREE' end, now()
                from query_side.doctor d, generate_series(-%d, %d) h
                where d.full_name like 'Dr. Seeded %%'""".formatted(SLOTS_PER_DOCTOR / 5, SLOTS_PER_DOCTOR * 4 / 5 - 1));
        sql.execute("analyze query_side.doctor");
        sql.execute("analyze query_side.slot");
    }

    private static String plan(Statement sql, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("explain " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
