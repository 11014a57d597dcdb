package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.api.dashboard.DoctorDashboardView;
import com.careslot.api.dashboard.GetDoctorDashboard;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The doctor's own dashboard: its arithmetic over a known calendar in a far time zone (read-model rows written and
 * read in one transaction that is rolled back, so no other test and no replay ever sees them), and the journey over
 * HTTP for a signed-in doctor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoctorDashboardTest {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    /** Thursday 7 March 2030, 11:30 in Auckland (UTC+13); still Wednesday 6 March in UTC. */
    private static final Instant AT = Instant.parse("2030-03-06T22:30:00Z");

    @LocalServerPort
    int port;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    HttpJson api;
    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
    }

    @Test
    void countsDaysAndWeeksInTheDoctorsTimeZone() {
        UUID doctor = UUID.randomUUID();
        UUID regular = UUID.randomUUID();
        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        DoctorDashboardView dashboard = rolledBack.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into query_side.doctor (doctor_id, status, full_name, specialization, time_zone,
                        qualifications, fee, registered_at, updated_at)
                    values (?, 'ACTIVE', 'Dr. Far Away', 'Dashboards', ?, '[]'::jsonb, 80.00, now(), now())""")
                    .params(doctor, AUCKLAND.getId()).update();
            // today (Thu 10:00 local), fulfilled
            appointment(doctor, regular, "2030-03-06T21:00:00Z", "fulfilled");
            // Wed 23:00 local: this week, not today (in UTC it would be today)
            appointment(doctor, UUID.randomUUID(), "2030-03-06T10:00:00Z", "noshow");
            // Mon 01:00 local: this week (in UTC still Sunday of the week before); its slot is free again
            appointment(doctor, UUID.randomUUID(), "2030-03-03T12:00:00Z", "cancelled");
            // Fri 14:00 local, still booked
            appointment(doctor, UUID.randomUUID(), "2030-03-08T01:00:00Z", "booked");
            // two weeks earlier (week of Mon 18 Feb), the same patient again
            appointment(doctor, regular, "2030-02-20T01:00:00Z", "fulfilled");
            // before the 12 weeks (the first one starts Mon 17 Dec 2029)
            appointment(doctor, UUID.randomUUID(), "2029-12-01T01:00:00Z", "fulfilled");
            UUID sunday = slot(doctor, "2030-03-09T20:00:00Z", "FREE");
            slot(doctor, "2030-03-09T22:00:00Z", "REMOVED");
            slot(doctor, "2030-02-26T20:00:00Z", "FREE");
            DoctorDashboardView view = queryGateway.query(new GetDoctorDashboard(doctor, AT),
                    ResponseTypes.optionalInstanceOf(DoctorDashboardView.class)).join().orElseThrow();
            assertThat(view.nextFreeSlot().slotId()).isEqualTo(sunday);
            return view;
        });

        assertThat(dashboard.timeZone()).isEqualTo("Pacific/Auckland");
        assertThat(dashboard.today()).isEqualTo(LocalDate.parse("2030-03-07"));
        assertThat(dashboard.weekStart()).isEqualTo(LocalDate.parse("2030-03-04"));
        assertThat(dashboard.todayFigures().appointmentsByStatus()).containsExactly(
                entry("booked", 0), entry("cancelled", 0), entry("checked-in", 0), entry("fulfilled", 1),
                entry("noshow", 0));
        assertThat(dashboard.todayFigures().utilization().bookedSlots()).isEqualTo(1);
        assertThat(dashboard.todayFigures().utilization().openedSlots()).isEqualTo(1);
        assertThat(dashboard.thisWeek().appointments()).isEqualTo(4);
        assertThat(dashboard.thisWeek().appointmentsByStatus()).containsExactly(
                entry("booked", 1), entry("cancelled", 1), entry("checked-in", 0), entry("fulfilled", 1),
                entry("noshow", 1));
        assertThat(dashboard.thisWeek().utilization().openedSlots()).as("the removed slot is not counted")
                .isEqualTo(5);
        assertThat(dashboard.thisWeek().utilization().bookedSlots()).isEqualTo(3);
        assertThat(dashboard.thisWeek().utilization().value()).isEqualByComparingTo("0.6");
        assertThat(dashboard.cancellationRate().numerator()).isEqualTo(1);
        assertThat(dashboard.cancellationRate().denominator()).isEqualTo(5);
        assertThat(dashboard.noShowRate().numerator()).isEqualTo(1);
        assertThat(dashboard.noShowRate().denominator()).as("no-shows among recorded attendance").isEqualTo(3);
        assertThat(dashboard.noShowRate().value()).isEqualByComparingTo("0.3333");
        assertThat(dashboard.patientsSeen()).as("one regular, seen twice").isEqualTo(1);
        assertThat(dashboard.feesEarned()).isEqualByComparingTo("160");
        assertThat(dashboard.weeks()).hasSize(12);
        assertThat(dashboard.weeks().get(0).weekStart()).isEqualTo(LocalDate.parse("2029-12-17"));
        DoctorDashboardView.Week last = dashboard.weeks().get(11);
        assertThat(last.weekStart()).isEqualTo(LocalDate.parse("2030-03-04"));
        assertThat(last.fulfilled()).isEqualTo(1);
        assertThat(last.feesEarned()).isEqualByComparingTo("80");
        DoctorDashboardView.Week february = dashboard.weeks().get(9);
        assertThat(february.weekStart()).isEqualTo(LocalDate.parse("2030-02-18"));
        assertThat(february.fulfilled()).isEqualTo(1);
        assertThat(february.feesEarned()).isEqualByComparingTo("80");
        assertThat(dashboard.weeks().get(10).utilization().openedSlots()).as("the free slot of 27 Feb").isEqualTo(1);
        assertThat(dashboard.weeks().get(10).utilization().value()).isEqualByComparingTo("0");
        assertThat(dashboard.weeks().get(0).utilization().value()).as("no slots, no utilization").isNull();
        assertThat(jdbc.sql("select count(*) from query_side.doctor where doctor_id = ?").param(doctor)
                .query(Long.class).single()).as("rolled back").isZero();
    }

    @Test
    void aSignedInDoctorSeesTodaysAppointmentsFeesAndTheNextFreeSlot() {
        TestAccounts.Session doctor = accounts.doctor("Dashboards");
        HttpJson asDoctor = api.as(doctor.accessToken());
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        People.expect(asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"fee\":45.50}"), 200);
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String seen = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                slotJson(soon, soon.plus(Duration.ofMinutes(20)))).json().get("slotId").asText();
        String next = openSlot(asDoctor, doctor.accountId(), 30);
        People.expect(api.as(accounts.patient().accessToken()).post("/api/slots/" + seen + "/book", BOOK), 201);
        HttpJson.Response completed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> asAdmin.post("/api/slots/" + seen + "/complete", null), r -> r.status() != 422);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        JsonNode dashboard = asDoctor.after(completed).get("/api/doctors/me/dashboard").json();

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(dashboard.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        JsonNode week = dashboard.get("weeks").get(11);
        assertThat(week.get("fulfilled").asLong()).isEqualTo(1);
        assertThat(week.get("feesEarned").decimalValue()).isEqualByComparingTo(new BigDecimal("45.50"));
        assertThat(dashboard.get("feesEarned").decimalValue()).isEqualByComparingTo(new BigDecimal("45.50"));
        assertThat(dashboard.get("patientsSeen").asLong()).isEqualTo(1);
        if (LocalDate.ofInstant(soon, berlin).toString().equals(dashboard.get("today").asText())) {
            assertThat(dashboard.get("todayFigures").get("appointmentsByStatus").get("fulfilled").asLong()).isEqualTo(1);
        }
        assertThat(dashboard.get("nextFreeSlot").get("slotId").asText()).isEqualTo(next);

        assertProblem(api.as(accounts.patient().accessToken()).get("/api/doctors/me/dashboard"), 403, "forbidden");
        assertProblem(api.get("/api/doctors/me/dashboard"), 401, "unauthenticated");
    }

    private void appointment(UUID doctor, UUID patient, String start, String status) {
        UUID slotId = slot(doctor, start, "cancelled".equals(status) ? "FREE" : "BOOKED");
        OffsetDateTime at = Instant.parse(start).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into query_side.appointment (appointment_id, slot_id, doctor_id, patient_id, start_at, end_at,
                    status, booked_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), slotId, doctor, patient, at, at.plusMinutes(30), status, at.minusDays(3),
                        at)
                .update();
    }

    private UUID slot(UUID doctor, String start, String status) {
        UUID slotId = UUID.randomUUID();
        OffsetDateTime at = Instant.parse(start).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into query_side.slot (slot_id, doctor_id, start_at, end_at, status, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(slotId, doctor, at, at.plusMinutes(30), status, at).update();
        return slotId;
    }

    private static Map.Entry<String, Long> entry(String status, long count) {
        return Map.entry(status, count);
    }
}
