package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.slotJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * A hot slot starves nothing: while 1,000 requests race for one slot, other clients' reads and their bookings of
 * other slots keep answering. Every racer is answered — one 201, every other 409 (slot-not-free, or slot-busy when it
 * found the slot's queue full) — none after longer than the slot-turn patience; every other request answers 200/201.
 * A refusal is an answer, not an incident: the log gets no stack trace for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HotSlotTest {

    static final int RACERS = 1000;
    static final int RACING_PATIENTS = 50;
    static final int BOOKERS = 4;
    static final int READERS = 4;
    /** careslot.commands.slot-turn-patience, the default. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Test
    void aThousandRacersForOneSlotStarveNoOtherClient(CapturedOutput log) throws Exception {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session hotDoctor = accounts.doctor();
        TestAccounts.Session otherDoctor = accounts.doctor();
        String hotSlot = Calendar.openSlot(api.as(hotDoctor.accessToken()), hotDoctor.accountId(), 9);
        List<String> racers = new ArrayList<>();
        accounts.patients(RACING_PATIENTS).forEach(racer -> racers.add(racer.accessToken()));
        List<HttpJson> bookers = new ArrayList<>();
        List<List<String>> theirSlots = new ArrayList<>();
        HttpJson asOtherDoctor = api.as(otherDoctor.accessToken());
        for (int b = 0; b < BOOKERS; b++) {
            bookers.add(api.as(accounts.patient().accessToken()));
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Instant start = Calendar.tomorrowAt(1).plus(Duration.ofMinutes(15L * (b * 10 + i)));
                HttpJson.Response opened = asOtherDoctor.post("/api/doctors/" + otherDoctor.accountId() + "/slots",
                        slotJson(start, start.plus(Duration.ofMinutes(15))));
                assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
                slots.add(opened.json().get("slotId").asText());
            }
            theirSlots.add(slots);
        }

        List<Answer> others = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(BOOKERS + READERS);
        List<Future<?>> running = new ArrayList<>();
        long raceBegan = System.nanoTime();
        List<CompletableFuture<Answer>> race = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            race.add(post("/api/slots/" + hotSlot + "/book", racers.get(i % RACING_PATIENTS)));
        }
        for (int b = 0; b < BOOKERS; b++) {
            HttpJson booker = bookers.get(b);
            List<String> slots = theirSlots.get(b);
            running.add(clients.submit(() -> slots.forEach(slot ->
                    others.add(timed(() -> booker.post("/api/slots/" + slot + "/book", BOOK))))));
        }
        for (int r = 0; r < READERS; r++) {
            String path = r % 2 == 0 ? "/api/slots/" + theirSlots.get(r).get(0)
                    : "/api/slots?doctorId=" + otherDoctor.accountId();
            running.add(clients.submit(() -> {
                while (race.stream().anyMatch(answer -> !answer.isDone())) {
                    others.add(timed(() -> api.get(path)));
                }
            }));
        }

        List<Answer> raced = new ArrayList<>();
        for (CompletableFuture<Answer> answer : race) {
            raced.add(answer.get(PATIENCE.toSeconds() + 60, TimeUnit.SECONDS));
        }
        long raceMillis = Duration.ofNanos(System.nanoTime() - raceBegan).toMillis();
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(raced).filteredOn(answer -> answer.status == 201).hasSize(1);
        assertThat(raced).filteredOn(answer -> answer.status != 201).allSatisfy(answer -> {
            assertThat(answer.status).as(answer.body).isEqualTo(409);
            assertThat(answer.body).containsAnyOf("urn:careslot:problem:slot-not-free",
                    "urn:careslot:problem:slot-busy");
        });
        assertThat(others).as("other clients' answers").isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.status).as(answer.body).isIn(200, 201));
        assertThat(others).filteredOn(answer -> answer.status == 201).hasSize(BOOKERS * 10);
        assertThat(raced).filteredOn(answer -> answer.body.contains("slot-busy")).as("refused slot-busy").isNotEmpty();
        assertThat(log.getAll().lines().filter(line -> line.contains("LockAcquisitionFailedException")).count())
                .as("log lines naming the lock a refused racer did not get").isZero();
        assertThat(percentile(raced, 100)).as("slowest racer, ms")
                .isLessThan(PATIENCE.plusSeconds(20).toMillis());
        System.out.printf("HotSlotTest: %d racers for one slot answered within %d ms: 1 × 201, %d × 409 "
                        + "slot-not-free, %d × 409 slot-busy; racers p50 %d ms, p99 %d ms, max %d ms%n",
                RACERS, raceMillis, raced.stream().filter(a -> a.body.contains("slot-not-free")).count(),
                raced.stream().filter(a -> a.body.contains("slot-busy")).count(),
                percentile(raced, 50), percentile(raced, 99), percentile(raced, 100));
        System.out.printf("HotSlotTest: meanwhile %d other requests (%d bookings of other slots, reads), all "
                        + "answered 200/201: p50 %d ms, p99 %d ms, max %d ms%n", others.size(), BOOKERS * 10,
                percentile(others, 50), percentile(others, 99), percentile(others, 100));
    }

    private CompletableFuture<Answer> post(String path, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BOOK)).build();
        long began = System.nanoTime();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body(), millisSince(began)));
    }

    private static Answer timed(Supplier<HttpJson.Response> request) {
        long began = System.nanoTime();
        HttpJson.Response response = request.get();
        return new Answer(response.status(), response.body(), millisSince(began));
    }

    private static long millisSince(long began) {
        return Duration.ofNanos(System.nanoTime() - began).toMillis();
    }

    private static long percentile(List<Answer> answers, int percent) {
        List<Long> millis = answers.stream().map(Answer::millis).sorted().toList();
        int index = Math.max(0, (int) Math.ceil(percent / 100.0 * millis.size()) - 1);
        return millis.get(index);
    }

    private record Answer(int status, String body, long millis) {
    }
}
