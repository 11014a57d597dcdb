package com.careslot;

import static com.careslot.Calendar.bookJson;
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
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The product's central promise: a hundred patients press "book" on the same slot at the same moment, over real
 * HTTP, and exactly one of them gets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookingRaceTest {

    static final int PATIENTS = 100;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(3)
    void exactlyOneOfAHundredConcurrentBookingsWins() throws Exception {
        HttpJson api = HttpJson.onPort(port);
        String slotId = openSlot(api, UUID.randomUUID(), 9);

        Map<UUID, HttpJson.Response> answers = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService patients = Executors.newFixedThreadPool(PATIENTS);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < PATIENTS; i++) {
                UUID patientId = UUID.randomUUID();
                attempts.add(patients.submit(() -> {
                    go.await();
                    answers.put(patientId, api.post("/api/slots/" + slotId + "/book", bookJson(patientId)));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            patients.shutdownNow();
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
        JsonNode slot = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/slots/" + slotId).json(), s -> "BOOKED".equals(s.get("status").asText()));
        assertThat(slot.get("patientId").asText()).isEqualTo(winner.toString());
        assertThat(slot.get("appointmentId").asText())
                .isEqualTo(answers.get(winner).json().get("appointmentId").asText());
    }
}
