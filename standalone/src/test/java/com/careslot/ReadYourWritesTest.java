package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.SlotApiTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.position.ProjectionProgress;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/** A client that passes the position its write answered with reads that write, without polling. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadYourWritesTest {

    /** careslot.read-your-writes.max-waiting in the test properties. */
    static final int MAX_WAITING = 8;

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    Configuration axon;
    HttpJson api;
    TestAccounts accounts;
    HttpJson asDoctor;
    UUID doctorId;

    @BeforeEach
    void signIn() {
        LocalProcessors.awaitAllSegments(axon, progress);
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        doctorId = doctor.accountId();
        asDoctor = api.as(doctor.accessToken());
    }

    @Test
    void everyWriteAnswersWithAPositionThatGrows() {
        HttpJson.Response opened = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(Calendar.tomorrowAt(8), Calendar.tomorrowAt(8).plusSeconds(1800)));
        String slotId = opened.json().get("slotId").asText();
        HttpJson.Response booked = api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);

        assertThat(Long.parseLong(opened.header(HttpJson.POSITION))).isPositive();
        assertThat(Long.parseLong(booked.header(HttpJson.POSITION)))
                .isGreaterThan(Long.parseLong(opened.header(HttpJson.POSITION)));
    }

    @Test
    void aReadAfterAWriteSeesIt() {
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        for (int hour = 0; hour < 10; hour++) {
            HttpJson.Response opened = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                    Calendar.slotJson(Calendar.tomorrowAt(hour), Calendar.tomorrowAt(hour).plusSeconds(1800)));
            String slotId = opened.json().get("slotId").asText();
            assertThat(asDoctor.after(opened).get("/api/slots/" + slotId).status()).isEqualTo(200);

            HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
            HttpJson.Response read = asPatient.after(booked).get("/api/slots/" + slotId);

            assertThat(read.json().get("status").asText()).isEqualTo("BOOKED");
            assertThat(read.header("X-Careslot-Stale")).isNull();
        }
    }

    @Test
    void aReadWhoseModelCannotCatchUpInTimeSaysItIsStale() {
        HttpJson.Response opened = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(Calendar.tomorrowAt(21), Calendar.tomorrowAt(21).plusSeconds(1800)));
        String slotId = opened.json().get("slotId").asText();
        assertThat(asDoctor.after(opened).get("/api/slots/" + slotId).json().get("status").asText()).isEqualTo("FREE");
        StreamingEventProcessor slotView = axon.eventProcessingConfiguration()
                .eventProcessor("slot-view", StreamingEventProcessor.class).orElseThrow();
        HttpJson.Response booked;
        slotView.shutDown();
        try {
            booked = api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);

            HttpJson.Response read = asDoctor.after(booked).get("/api/slots/" + slotId);

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Careslot-Stale")).isEqualTo("true");
            assertThat(read.json().get("status").asText()).isEqualTo("FREE");
        } finally {
            slotView.start();
        }
        HttpJson.Response caughtUp = asDoctor.after(booked).get("/api/slots/" + slotId);
        assertThat(caughtUp.header("X-Careslot-Stale")).isNull();
        assertThat(caughtUp.json().get("status").asText()).isEqualTo("BOOKED");
    }

    @Test
    void aForgedPositionBeyondTheStoreIsRefusedAtOnce() {
        long began = System.nanoTime();
        assertInvalid(api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/slots?doctorId=" + doctorId))
                .header(HttpJson.POSITION, "9223372036854775000").GET()), HttpJson.POSITION);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void waitingCostsNoQueryPerPollAndOnlySoManyWaitAtOnce() throws Exception {
        HttpJson.Response opened = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(Calendar.tomorrowAt(22), Calendar.tomorrowAt(22).plusSeconds(1800)));
        String slotId = opened.json().get("slotId").asText();
        assertThat(asDoctor.after(opened).get("/api/slots/" + slotId).status()).isEqualTo(200);
        StreamingEventProcessor slotView = axon.eventProcessingConfiguration()
                .eventProcessor("slot-view", StreamingEventProcessor.class).orElseThrow();
        slotView.shutDown();
        try {
            HttpJson.Response booked =
                    api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);
            HttpJson reader = asDoctor.after(booked);

            assertThat(StatementCounting.statementsOf(reader, "/api/slots/" + slotId))
                    .as("statements of a read that waited the whole timeout, polling every 5 ms").isLessThan(10);

            int readers = 2 * MAX_WAITING;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(readers);
            try {
                List<Future<Long>> waits = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    waits.add(threads.submit(() -> {
                        go.await();
                        long began = System.nanoTime();
                        HttpJson.Response read = reader.get("/api/slots/" + slotId);
                        assertThat(read.status()).isEqualTo(200);
                        assertThat(read.header("X-Careslot-Stale")).isEqualTo("true");
                        return Duration.ofNanos(System.nanoTime() - began).toMillis();
                    }));
                }
                go.countDown();
                List<Long> millis = new ArrayList<>();
                for (Future<Long> wait : waits) {
                    millis.add(wait.get());
                }
                assertThat(millis).as("answered at once, stale, beyond careslot.read-your-writes.max-waiting")
                        .filteredOn(ms -> ms < 1000).hasSizeGreaterThanOrEqualTo(readers - MAX_WAITING);
            } finally {
                threads.shutdownNow();
            }
        } finally {
            slotView.start();
        }
    }

    @Test
    void aRefusedWriteHasNoPositionAndANonsensePositionIsABadRequest() {
        HttpJson.Response refused = asDoctor.post("/api/slots/" + UUID.randomUUID() + "/book", BOOK);
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.header(HttpJson.POSITION)).isNull();

        for (String nonsense : new String[] {"soon", "-1", "99999999999999999999999"}) {
            assertInvalid(api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/slots?doctorId=" + doctorId))
                    .header(HttpJson.POSITION, nonsense).GET()), HttpJson.POSITION);
        }
    }
}
