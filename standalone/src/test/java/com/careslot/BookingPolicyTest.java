package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.slotJson;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * A patient's appointments as a set, with the clinic's default limits: never overlapping (invariant 2), at least an
 * hour's notice, at most 90 days ahead, at most five upcoming — also when the patient races themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "careslot.booking.minimum-notice=PT1H", "careslot.booking.maximum-active-appointments=5"})
// Its own settings make its own context on the shared database; closed afterwards so its event processors stop
// competing with the shared context's for segments (read-your-writes and the live stream need all of them there).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BookingPolicyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctorA;
    TestAccounts.Session doctorB;
    HttpJson asPatient;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctorA = accounts.doctor();
        doctorB = accounts.doctor();
        asPatient = api.as(accounts.patient().accessToken());
    }

    @Test
    void refusesTooShortNoticeAndTooFarAhead() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String near = open(doctorA, soon, 15);
        String far = open(doctorA, Instant.now().plus(Duration.ofDays(91)).truncatedTo(ChronoUnit.HOURS), 15);

        assertProblem(asPatient.post("/api/slots/" + near + "/book", BOOK), 422, "too-short-notice");
        assertProblem(asPatient.post("/api/slots/" + far + "/book", BOOK), 422, "too-far-ahead");
        assertThat(bookings(near) + bookings(far)).isZero();
    }

    @Test
    void aPatientsAppointmentsNeverOverlap() {
        Instant ten = Calendar.tomorrowAt(10);
        String first = open(doctorA, ten, 30);
        String overlapping = open(doctorB, ten.plus(Duration.ofMinutes(15)), 30);
        String adjacent = open(doctorA, ten.plus(Duration.ofMinutes(30)), 30);
        assertThat(asPatient.post("/api/slots/" + first + "/book", BOOK).status()).isEqualTo(201);

        HttpJson.Response refused = asPatient.post("/api/slots/" + overlapping + "/book", BOOK);
        assertProblem(refused, 409, "appointments-overlap");
        assertThat(refused.json().get("conflictingSlotId").asText()).isEqualTo(first);
        assertThat(bookings(overlapping)).isZero();
        assertThat(asPatient.post("/api/slots/" + adjacent + "/book", BOOK).status()).isEqualTo(201);
        assertProblem(asPatient.post("/api/slots/" + adjacent + "/reschedule", "{\"toSlotId\":\"" + overlapping
                + "\"}"), 409, "appointments-overlap");
    }

    @Test
    void atMostFiveUpcomingAppointments() {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slots.add(open(doctorA, Calendar.tomorrowAt(8).plus(Duration.ofMinutes(30L * i)), 30));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(asPatient.post("/api/slots/" + slots.get(i) + "/book", BOOK).status()).isEqualTo(201);
        }
        assertProblem(asPatient.post("/api/slots/" + slots.get(5) + "/book", BOOK), 422, "too-many-appointments");

        assertThat(asPatient.post("/api/slots/" + slots.get(0) + "/cancel", null).status()).isEqualTo(200);
        assertThat(asPatient.post("/api/slots/" + slots.get(5) + "/book", BOOK).status()).isEqualTo(201);
    }

    @Test
    void aPatientRacingThemselvesGetsOneOfTwoOverlappingSlotsAndNoMoreThanFive() throws Exception {
        for (int round = 0; round < 5; round++) {
            HttpJson patient = api.as(accounts.patient().accessToken());
            Instant start = Calendar.tomorrowAt(12).plus(Duration.ofHours(round));
            List<String> pair = List.of(open(doctorA, start, 30), open(doctorB, start.plusSeconds(600), 30));
            assertThat(race(patient, pair)).as("round %d", round).containsExactlyInAnyOrder(201, 409);
        }
        HttpJson patient = api.as(accounts.patient().accessToken());
        List<String> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(open(i % 2 == 0 ? doctorA : doctorB, Calendar.tomorrowAt(18).plus(Duration.ofMinutes(30L * i)),
                    30));
        }
        List<Integer> answers = race(patient, eight);
        assertThat(answers).filteredOn(s -> s == 201).hasSize(5);
        assertThat(answers).filteredOn(s -> s == 422).hasSize(3);
    }

    private List<Integer> race(HttpJson patient, List<String> slots) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(slots.size());
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (String slot : slots) {
                attempts.add(threads.submit(() -> {
                    go.await();
                    return patient.post("/api/slots/" + slot + "/book", BOOK).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> attempt : attempts) {
                statuses.add(attempt.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private String open(TestAccounts.Session doctor, Instant start, int minutes) {
        HttpJson.Response created = api.as(doctor.accessToken()).post("/api/doctors/" + doctor.accountId() + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(minutes))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private int bookings(String slotId) {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'com.careslot.api.slot.SlotBooked'", Integer.class, slotId);
    }

}
