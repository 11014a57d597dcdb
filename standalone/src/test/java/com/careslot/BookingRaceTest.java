package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The product's central promise: a hundred patients press "book" on the same slot at the same moment, over real
 * HTTP, and exactly one of them gets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookingRaceTest {

    static final int PATIENTS = 100;

    static List<TestAccounts.Session> patients;
    static TestAccounts.Session doctor;
    static int round;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(3)
    void exactlyOneOfAHundredConcurrentBookingsWins() throws Exception {
        HttpJson api = HttpJson.onPort(port);
        signUpOnce(api);
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 8 + round++);

        Map<UUID, HttpJson.Response> answers = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(PATIENTS);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (TestAccounts.Session patient : patients) {
                HttpJson asPatient = api.as(patient.accessToken());
                attempts.add(threads.submit(() -> {
                    go.await();
                    answers.put(patient.accountId(), asPatient.post("/api/slots/" + slotId + "/book", BOOK));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            threads.shutdownNow();
        }

        List<UUID> winners = answers.entrySet().stream().filter(e -> e.getValue().status() == 201)
                .map(Map.Entry::getKey).toList();
        assertThat(winners).hasSize(1);
        assertThat(answers.values()).filteredOn(r -> r.status() != 201)
                .hasSize(PATIENTS - 1)
                .allSatisfy(refusal -> SlotApiTest.assertProblem(refusal, 409, "slot-not-free"));

        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.careslot.api.slot.SlotBooked'""",
                Integer.class, slotId)).isEqualTo(1);

        UUID winner = winners.get(0);
        HttpJson asDoctor = api.as(doctor.accessToken());
        JsonNode slot = await().atMost(Duration.ofSeconds(10))
                .until(() -> asDoctor.get("/api/slots/" + slotId).json(),
                        s -> "BOOKED".equals(s.get("status").asText()));
        assertThat(slot.get("patientId").asText()).isEqualTo(winner.toString());
        assertThat(slot.get("appointmentId").asText())
                .isEqualTo(answers.get(winner).json().get("appointmentId").asText());
    }

    private static synchronized void signUpOnce(HttpJson api) {
        if (patients == null) {
            TestAccounts accounts = new TestAccounts(api);
            doctor = accounts.doctor();
            patients = accounts.patients(PATIENTS);
        }
    }
}
