package com.careslot;

import static com.careslot.Calendar.slotJson;
import static com.careslot.Calendar.tomorrowAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.command.slot.DoctorCalendar;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Invariant 2, first half, over real HTTP: a doctor's open slots never overlap, decided in the transaction that
 * appends {@code SlotOpened} or {@code SlotMoved}, also when twenty requests race for one period.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoctorCalendarTest {

    static final int RACERS = 20;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    HttpJson asDoctor;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        asDoctor = api.as(doctor.accessToken());
    }

    @Test
    void theCalendarProcessorIsSubscribing() {
        assertThat(processing.eventProcessor(DoctorCalendar.PROCESSING_GROUP, SubscribingEventProcessor.class))
                .as("the doctor-calendar processor is subscribing, not the default pooled streaming one")
                .isPresent();
    }

    @Test
    void refusesAnOverlappingSlotNamingTheOneItCollidesWith() {
        Instant start = tomorrowAt(9);
        String first = open(doctor, start, start.plus(Duration.ofMinutes(30)));
        long appended = slotsOpenedFor(doctor.accountId());

        HttpJson.Response overlapping = asDoctor.post(slots(doctor.accountId()),
                slotJson(start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(45))));

        SlotApiTest.assertProblem(overlapping, 409, "slot-overlaps");
        assertThat(overlapping.json().get("conflictingSlotId").asText()).isEqualTo(first);
        assertThat(overlapping.json().get("detail").asText()).contains(first);
        assertThat(slotsOpenedFor(doctor.accountId())).as("nothing appended").isEqualTo(appended);
    }

    @Test
    void refusesASlotInsideOrAroundAnother() {
        Instant start = tomorrowAt(10);
        String first = open(doctor, start, start.plus(Duration.ofMinutes(30)));

        for (HttpJson.Response refused : List.of(
                asDoctor.post(slots(doctor.accountId()), slotJson(start, start.plus(Duration.ofMinutes(30)))),
                asDoctor.post(slots(doctor.accountId()),
                        slotJson(start.plus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(10)))),
                asDoctor.post(slots(doctor.accountId()),
                        slotJson(start.minus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(40)))))) {
            SlotApiTest.assertProblem(refused, 409, "slot-overlaps");
            assertThat(refused.json().get("conflictingSlotId").asText()).isEqualTo(first);
        }
    }

    @Test
    void acceptsAdjacentSlots() {
        Instant nine = tomorrowAt(11);
        Instant nineThirty = nine.plus(Duration.ofMinutes(30));

        open(doctor, nine, nineThirty);
        open(doctor, nineThirty, nineThirty.plus(Duration.ofMinutes(30)));
        open(doctor, nine.minus(Duration.ofMinutes(30)), nine);
    }

    @Test
    void twoDoctorsMayOpenTheSamePeriod() {
        TestAccounts.Session other = accounts.doctor();
        Instant start = tomorrowAt(12);

        open(doctor, start, start.plus(Duration.ofMinutes(30)));
        open(other, start, start.plus(Duration.ofMinutes(30)));
    }

    @Test
    void exactlyOneOfTwentyConcurrentOpeningsOfOnePeriodWins() throws Exception {
        Instant start = tomorrowAt(13);

        race(i -> slotJson(start, start.plus(Duration.ofMinutes(30))));
    }

    @Test
    void exactlyOneOfTwentyConcurrentPartlyOverlappingOpeningsWins() throws Exception {
        Instant start = tomorrowAt(14);

        // [14:00, 14:30), [14:01, 14:31) … [14:19, 14:49): every two of them overlap
        race(i -> slotJson(start.plus(Duration.ofMinutes(i)), start.plus(Duration.ofMinutes(30 + i))));
    }

    @Test
    void aMovedSlotKeepsItsIdLeavesItsOldPeriodAndTakesTheNewOne() {
        Instant nine = tomorrowAt(15);
        String slotId = open(doctor, nine, nine.plus(Duration.ofMinutes(30)));
        Instant later = nine.plus(Duration.ofMinutes(60));

        HttpJson.Response moved = asDoctor.patch("/api/slots/" + slotId,
                slotJson(later, later.plus(Duration.ofMinutes(45))));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("slotId").asText()).isEqualTo(slotId);
        assertThat(moved.json().get("status").asText()).isEqualTo("FREE");
        HttpJson.Response read = asDoctor.after(moved).get("/api/slots/" + slotId);
        assertThat(Instant.parse(read.json().get("start").asText())).isEqualTo(later);
        assertThat(Instant.parse(read.json().get("end").asText())).isEqualTo(later.plus(Duration.ofMinutes(45)));
        open(doctor, nine, nine.plus(Duration.ofMinutes(30)));
        HttpJson.Response onTheNewPeriod = asDoctor.post(slots(doctor.accountId()),
                slotJson(later.plus(Duration.ofMinutes(30)), later.plus(Duration.ofMinutes(60))));
        SlotApiTest.assertProblem(onTheNewPeriod, 409, "slot-overlaps");
        assertThat(onTheNewPeriod.json().get("conflictingSlotId").asText()).isEqualTo(slotId);
    }

    @Test
    void aMoveOntoAnotherSlotIsRefusedAndTheSlotStaysWhereItWas() {
        Instant four = tomorrowAt(16);
        String first = open(doctor, four, four.plus(Duration.ofMinutes(30)));
        Instant five = four.plus(Duration.ofHours(1));
        String second = open(doctor, five, five.plus(Duration.ofMinutes(30)));

        HttpJson.Response refused = asDoctor.patch("/api/slots/" + second,
                slotJson(four.plus(Duration.ofMinutes(15)), four.plus(Duration.ofMinutes(45))));

        SlotApiTest.assertProblem(refused, 409, "slot-overlaps");
        assertThat(refused.json().get("conflictingSlotId").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> asDoctor.get("/api/slots/" + second).status() == 200);
        assertThat(Instant.parse(asDoctor.get("/api/slots/" + second).json().get("start").asText())).isEqualTo(five);
        SlotApiTest.assertProblem(asDoctor.post(slots(doctor.accountId()), slotJson(five, five.plusSeconds(600))),
                409, "slot-overlaps");
        assertThat(slotsMovedFor(doctor.accountId())).as("nothing appended").isZero();
    }

    @Test
    void onlyAFreeSlotOfYourOwnMovesAndOnlyIntoTheFuture() {
        Instant start = tomorrowAt(17);
        String slotId = open(doctor, start, start.plus(Duration.ofMinutes(30)));
        String body = slotJson(start.plus(Duration.ofHours(2)), start.plus(Duration.ofMinutes(150)));

        SlotApiTest.assertProblem(api.as(accounts.doctor().accessToken()).patch("/api/slots/" + slotId, body),
                403, "not-your-slot");
        SlotApiTest.assertProblem(api.as(accounts.patient().accessToken()).patch("/api/slots/" + slotId, body),
                403, "forbidden");
        SlotApiTest.assertInvalid(asDoctor.patch("/api/slots/" + slotId, "{\"start\":\"" + start + "\"}"), "end");
        HttpJson.Response past = asDoctor.patch("/api/slots/" + slotId,
                slotJson(Instant.now().minusSeconds(3600), Instant.now().minusSeconds(1800)));
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(past.json().get("errors").findValuesAsText("field")).contains("start");

        HttpJson.Response booked = api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", "{}");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        SlotApiTest.assertProblem(asDoctor.patch("/api/slots/" + slotId, body), 409, "slot-not-free");
        SlotApiTest.assertProblem(api.as(accounts.admin().accessToken()).patch("/api/slots/" + slotId, body),
                409, "slot-not-free");
        SlotApiTest.assertProblem(asDoctor.patch("/api/slots/" + UUID.randomUUID(), body), 404, "not-found");
    }

    @Test
    void exactlyOneOfTwentySlotsMovedConcurrentlyOntoOnePeriodWins() throws Exception {
        Instant target = tomorrowAt(20);
        List<String> slotIds = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Instant start = tomorrowAt(2).plus(Duration.ofMinutes(30L * i));
            slotIds.add(open(doctor, start, start.plus(Duration.ofMinutes(30))));
        }
        String body = slotJson(target, target.plus(Duration.ofMinutes(30)));

        List<HttpJson.Response> answers = concurrently(i -> asDoctor.patch("/api/slots/" + slotIds.get(i), body));

        List<HttpJson.Response> won = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).as(answers.toString()).hasSize(1);
        String winner = won.get(0).json().get("slotId").asText();
        assertThat(answers).filteredOn(r -> r.status() != 200).hasSize(RACERS - 1).allSatisfy(refused -> {
            SlotApiTest.assertProblem(refused, 409, "slot-overlaps");
            assertThat(refused.json().get("conflictingSlotId").asText()).isEqualTo(winner);
        });
        assertThat(slotsMovedFor(doctor.accountId())).as("SlotMoved events appended").isEqualTo(1);
    }

    private List<HttpJson.Response> concurrently(IntFunction<HttpJson.Response> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        List<HttpJson.Response> answers = new ArrayList<>();
        try {
            List<Future<HttpJson.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                attempts.add(threads.submit(() -> {
                    go.await();
                    return request.apply(racer);
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> attempt : attempts) {
                answers.add(attempt.get());
            }
        } finally {
            threads.shutdownNow();
        }
        return answers;
    }

    private void race(IntFunction<String> bodies) throws Exception {
        long before = slotsOpenedFor(doctor.accountId());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        List<HttpJson.Response> answers = new ArrayList<>();
        try {
            List<Future<HttpJson.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String body = bodies.apply(i);
                attempts.add(threads.submit(() -> {
                    go.await();
                    return asDoctor.post(slots(doctor.accountId()), body);
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> attempt : attempts) {
                answers.add(attempt.get());
            }
        } finally {
            threads.shutdownNow();
        }

        List<HttpJson.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
        assertThat(won).as(answers.toString()).hasSize(1);
        String winner = won.get(0).json().get("slotId").asText();
        assertThat(answers).filteredOn(r -> r.status() != 201).hasSize(RACERS - 1).allSatisfy(refused -> {
            SlotApiTest.assertProblem(refused, 409, "slot-overlaps");
            assertThat(refused.json().get("conflictingSlotId").asText()).isEqualTo(winner);
        });
        assertThat(slotsOpenedFor(doctor.accountId())).as("SlotOpened events appended").isEqualTo(before + 1);
    }

    private String open(TestAccounts.Session as, Instant start, Instant end) {
        HttpJson.Response created = api.as(as.accessToken()).post(slots(as.accountId()), slotJson(start, end));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private long slotsMovedFor(UUID doctorId) {
        return jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.slot.SlotMoved'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'doctorId' = ?""", Long.class, doctorId.toString());
    }

    private long slotsOpenedFor(UUID doctorId) {
        return jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.slot.SlotOpened'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'doctorId' = ?""", Long.class, doctorId.toString());
    }

    private static String slots(UUID doctorId) {
        return "/api/doctors/" + doctorId + "/slots";
    }
}
