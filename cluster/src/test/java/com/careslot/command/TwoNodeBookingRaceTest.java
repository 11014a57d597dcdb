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

import com.careslot.platform.eventstore.LostRaceRetryScheduler;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Two command-side nodes: two application contexts, two connection pools, two command buses, nothing shared but
 * the PostgreSQL event store. Patients race for the same slot through both; the store's unique
 * (aggregate id, sequence number) decides, never a lock of ours. A patient racing themselves for many slots through
 * both holds no more than the limit: the hold table, written in the append's transaction, decides.
 * <p>
 * It lives in the {@code cluster} module, beside the deployment's races, though both nodes are command-side contexts
 * in this JVM: the reactor builds {@code standalone} only once {@code command-side}'s tests are done, and this one
 * took most of them; here it runs beside {@code standalone}'s.
 */
class TwoNodeBookingRaceTest {

    static final int ROUNDS = 40;
    static final int PATIENTS_PER_NODE = 8;
    static final int HOLD_ROUNDS = 10;
    static final int SLOTS_PER_HOLD_ROUND = 8;

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

    @Test
    void aPatientRacingThroughTwoNodesHoldsOneSlotAtOnce() throws Exception {
        HttpJson a = client(nodeA);
        HttpJson b = client(nodeB);
        TestAccounts accounts = new TestAccounts(a);
        TestAccounts.Session doctor = accounts.doctor();
        ExecutorService threads = Executors.newFixedThreadPool(SLOTS_PER_HOLD_ROUND);
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        try {
            for (int round = 0; round < HOLD_ROUNDS; round++) {
                TestAccounts.Session patient = accounts.patient();
                List<String> slots = new ArrayList<>();
                for (int i = 0; i < SLOTS_PER_HOLD_ROUND; i++) {
                    slots.add(openSlot(a.as(doctor.accessToken()), doctor, 100 + round * SLOTS_PER_HOLD_ROUND + i));
                }
                List<HttpJson.Response> answers = holdAll(threads, slots, a.as(patient.accessToken()),
                        b.as(patient.accessToken()));
                assertThat(answers).as("round %d", round).filteredOn(r -> r.status() == 201).hasSize(1);
                assertThat(answers).as("round %d: every other hold names the rule", round)
                        .filteredOn(r -> r.status() != 201)
                        .allSatisfy(r -> {
                            assertThat(r.status()).as(r.toString()).isEqualTo(422);
                            assertThat(r.json().path("type").asText())
                                    .isEqualTo("urn:careslot:problem:too-many-holds");
                        });
                assertThat(jdbc.queryForObject("""
                        select count(*) from event_store.domain_event_entry
                        where payload_type = 'com.careslot.api.slot.SlotHeld' and aggregate_identifier in (%s)"""
                        .formatted(String.join(",", slots.stream().map(slot -> "'" + slot + "'").toList())),
                        Integer.class)).as("round %d: holds in the store", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void holdsObeyTheBookingWindowAndTheLimitFreesWhenTheHoldEnds() {
        HttpJson a = client(nodeA);
        HttpJson b = client(nodeB);
        TestAccounts accounts = new TestAccounts(a);
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = a.as(doctor.accessToken());
        TestAccounts.Session patient = accounts.patient();
        HttpJson patientOnA = a.as(patient.accessToken());
        HttpJson patientOnB = b.as(patient.accessToken());

        String soon = openSlotAt(asDoctor, doctor, Instant.now().plus(Duration.ofMinutes(30)));
        String far = openSlotAt(asDoctor, doctor, Instant.now().plus(Duration.ofDays(91)));
        assertProblem(patientOnA.post("/api/slots/" + soon + "/hold", null), 422, "too-short-notice");
        assertProblem(patientOnB.post("/api/slots/" + far + "/hold", null), 422, "too-far-ahead");

        String first = openSlot(asDoctor, doctor, 300);
        String second = openSlot(asDoctor, doctor, 301);
        assertThat(patientOnA.post("/api/slots/" + first + "/hold", null).status()).isEqualTo(201);
        assertProblem(patientOnB.post("/api/slots/" + second + "/hold", null), 422, "too-many-holds");
        assertThat(patientOnB.delete("/api/slots/" + first + "/hold").status()).isEqualTo(204);
        assertThat(patientOnB.post("/api/slots/" + second + "/hold", null).status()).isEqualTo(201);
        assertThat(patientOnA.post("/api/slots/" + second + "/book", "{}").status()).isEqualTo(201);
        assertThat(patientOnA.post("/api/slots/" + first + "/hold", null).status())
                .as("a booked hold no longer counts").isEqualTo(201);
    }

    private static void assertProblem(HttpJson.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:careslot:problem:" + code);
    }

    private static List<HttpJson.Response> holdAll(ExecutorService threads, List<String> slots, HttpJson a,
                                                   HttpJson b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpJson.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            HttpJson node = i % 2 == 0 ? a : b;
            String slotId = slots.get(i);
            attempts.add(threads.submit(() -> {
                go.await();
                return node.post("/api/slots/" + slotId + "/hold", null);
            }));
        }
        go.countDown();
        List<HttpJson.Response> answers = new ArrayList<>();
        for (Future<HttpJson.Response> attempt : attempts) {
            answers.add(attempt.get());
        }
        return answers;
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
        return openSlotAt(asDoctor, doctor, Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2))
                .plus(Duration.ofMinutes(30L * round)));
    }

    private static String openSlotAt(HttpJson asDoctor, TestAccounts.Session doctor, Instant at) {
        Instant start = at.truncatedTo(ChronoUnit.SECONDS);
        HttpJson.Response created = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private static double lostRaces(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).counter(LostRaceRetryScheduler.LOST_RACES).count();
    }

    private static HttpJson client(ConfigurableApplicationContext node) {
        return HttpJson.onPort(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("server.port=0", "spring.application.name=" + name)
                // the clinic's defaults for holds and notice, over the test properties that relax them
                .run("--careslot.booking.maximum-active-holds=1", "--careslot.booking.minimum-notice=PT1H");
    }
}
