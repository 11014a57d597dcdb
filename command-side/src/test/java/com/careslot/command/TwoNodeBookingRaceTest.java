package com.careslot.command;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.eventstore.DuplicateKeyResolver;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Two command-side nodes: two application contexts, two connection pools, two command buses, nothing shared but
 * the PostgreSQL event store. Patients race for the same slot through both; the store's unique
 * (aggregate id, sequence number) decides, never a lock of ours.
 */
class TwoNodeBookingRaceTest {

    static final int ROUNDS = 40;
    static final int PATIENTS_PER_NODE = 8;

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = node("node-a");
        nodeB = node("node-b");
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void twoNodesNeverBookOneSlotTwice() throws Exception {
        HttpJson a = client(nodeA);
        HttpJson b = client(nodeB);
        TestAccounts accounts = new TestAccounts(a);
        TestAccounts.Session doctor = accounts.doctor();
        List<TestAccounts.Session> patients = new ArrayList<>();
        for (int i = 0; i < 2 * PATIENTS_PER_NODE; i++) {
            patients.add(accounts.patient());
        }
        ExecutorService threads = Executors.newFixedThreadPool(2 * PATIENTS_PER_NODE);
        List<String> slots = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String slotId = openSlot((round % 2 == 0 ? a : b).as(doctor.accessToken()), doctor, round);
                slots.add(slotId);
                List<HttpJson.Response> answers = race(threads, slotId, patients, a, b);
                assertThat(answers).as("round %d", round).filteredOn(r -> r.status() == 201).hasSize(1);
                assertThat(answers).as("round %d: every loser sees the winner's booking", round)
                        .filteredOn(r -> r.status() != 201)
                        .allSatisfy(r -> assertThat(r.json().path("type").asText())
                                .as(r.toString()).isEqualTo("urn:careslot:problem:slot-not-free"));
            }
        } finally {
            threads.shutdownNow();
        }

        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        for (String slotId : slots) {
            assertThat(jdbc.queryForObject("""
                    select count(*) from event_store.domain_event_entry
                    where aggregate_identifier = ? and payload_type = 'com.careslot.api.slot.SlotBooked'""",
                    Integer.class, slotId)).as(slotId).isEqualTo(1);
        }
        assertThat(lostRaces(nodeA) + lostRaces(nodeB))
                .as("appends refused by the event store's unique constraint across both nodes")
                .isPositive();
    }

    private static List<HttpJson.Response> race(ExecutorService threads, String slotId,
                                                List<TestAccounts.Session> patients, HttpJson a, HttpJson b)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpJson.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < patients.size(); i++) {
            HttpJson node = (i % 2 == 0 ? a : b).as(patients.get(i).accessToken());
            attempts.add(threads.submit(() -> {
                go.await();
                return node.post("/api/slots/" + slotId + "/book", "{}");
            }));
        }
        go.countDown();
        List<HttpJson.Response> answers = new ArrayList<>();
        for (Future<HttpJson.Response> attempt : attempts) {
            answers.add(attempt.get());
        }
        return answers;
    }

    private static String openSlot(HttpJson asDoctor, TestAccounts.Session doctor, int round) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2))
                .plus(Duration.ofMinutes(30L * round));
        HttpJson.Response created = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private static double lostRaces(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).counter(DuplicateKeyResolver.LOST_RACES).count();
    }

    private static HttpJson client(ConfigurableApplicationContext node) {
        return HttpJson.onPort(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("server.port=0", "spring.application.name=" + name)
                .run();
    }
}
