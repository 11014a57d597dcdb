package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.position.ProjectionProgress;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A page showing a doctor's slots hears of a booking made by someone else while it is open; streams are bounded per
 * address and account, end when idle, and free their place when their client goes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlotStreamTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** careslot.slots.stream-max-per-address, careslot.slots.stream-idle-timeout: the defaults, and the tests'. */
    private static final int MAX_STREAMS_PER_ADDRESS = 20;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(8);

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    Configuration axon;
    @Autowired
    MeterRegistry meters;
    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    HttpJson asDoctor;
    UUID doctorId;

    @BeforeEach
    void signIn() {
        LocalProcessors.awaitAllSegments(axon, progress);
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        doctorId = doctor.accountId();
        asDoctor = api.as(doctor.accessToken());
    }

    @Test
    void anOpenStreamReceivesABookingMadeElsewhere() {
        String slotId = openVisibleSlot(9);
        String otherDoctorsSlot = openSlot(api.as(accounts.admin().accessToken()), accounts.doctor().accountId(), 9);
        try (Stream stream = Stream.open(api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.has("event:snapshot"));
            assertThat(stream.dataOf("snapshot")).contains(slotId).contains("\"FREE\"");

            api.as(accounts.patient().accessToken()).post("/api/slots/" + otherDoctorsSlot + "/book", BOOK);
            api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);

            await().atMost(Duration.ofSeconds(20)).until(() -> stream.dataOf("slot").contains("BOOKED"));
            String update = stream.dataOf("slot");
            assertThat(update).contains(slotId);
            assertThat(update).as("a stranger does not learn who booked").doesNotContain("patientId");
            assertThat(update).as("only this doctor's slots").doesNotContain(otherDoctorsSlot);
        }
    }

    @Test
    void theDoctorsOwnStreamShowsWhoBooked() {
        String slotId = openVisibleSlot(10);
        TestAccounts.Session patient = accounts.patient();
        try (Stream stream = Stream.open(api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId,
                doctor.accessToken())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.has("event:snapshot"));

            api.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK);

            await().atMost(Duration.ofSeconds(20)).until(() -> stream.dataOf("slot").contains("BOOKED"));
            assertThat(stream.dataOf("slot")).contains(patient.accountId().toString());
        }
    }

    @Test
    void anOpenStreamHearsOfAFreeSlotMovedByItsDoctor() {
        String slotId = openVisibleSlot(11);
        Instant later = Calendar.tomorrowAt(13);
        try (Stream stream = Stream.open(api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.has("event:snapshot"));

            HttpJson.Response moved = asDoctor.patch("/api/slots/" + slotId,
                    Calendar.slotJson(later, later.plusSeconds(2700)));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> stream.dataOf("slot").contains(slotId));
            assertThat(stream.dataOf("slot")).contains("\"start\":\"" + later + "\"")
                    .contains("\"end\":\"" + later.plusSeconds(2700) + "\"").contains("\"FREE\"");
        }
    }

    @Test
    void threeHundredOpensFromOneAddressAreBoundedAndAClosedStreamFreesItsPlaceAtOnce() throws Exception {
        String url = api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId;
        String patient = accounts.patient().accessToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        List<Stream> streams = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < 300; i++) {
                streams.add(Stream.open(url, null));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Stream stream : streams) {
                statuses.add(stream.status());
            }
            System.out.printf("SlotStreamTest: 300 opens from one address answered within %d ms%n",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(MAX_STREAMS_PER_ADDRESS);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(300 - MAX_STREAMS_PER_ADDRESS);
            Stream refused = streams.stream().filter(stream -> stream.status() == 429).findFirst().orElseThrow();
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", refused.lines)
                    .contains("urn:careslot:problem:too-many-streams"));


            Stream patients = Stream.open(url, patient);
            assertThat(patients.status()).as("the address's streams are all open, a signed-in one's too").isEqualTo(429);
        } finally {
            streams.forEach(Stream::close);
        }
        long closed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> openStreams() == 0);
        System.out.printf("SlotStreamTest: %d closed streams freed within %d ms (heartbeat 1 s)%n",
                MAX_STREAMS_PER_ADDRESS, Duration.ofNanos(System.nanoTime() - closed).toMillis());
        try (Stream again = Stream.open(url, null)) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void oneAccountKeepsAtMostFiveStreamsOpen() {
        String url = api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId;
        String patient = accounts.patient().accessToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        List<Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                streams.add(Stream.open(url, patient));
                assertThat(streams.get(i).status()).isEqualTo(200);
            }
            Stream sixth = Stream.open(url, patient);
            streams.add(sixth);
            assertThat(sixth.status()).isEqualTo(429);
            await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", sixth.lines).contains("This account"));
            Stream anonymous = Stream.open(url, null);
            streams.add(anonymous);
            assertThat(anonymous.status()).as("the address has room left").isEqualTo(200);
        } finally {
            streams.forEach(Stream::close);
        }
    }

    @Test
    void aStreamWithoutChangesEndsAfterTheIdleTimeout() {
        try (Stream stream = Stream.open(api.baseUrl() + "/api/slots/stream?doctorId=" + doctorId, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.has("event:snapshot"));
            long opened = System.nanoTime();
            await().atMost(IDLE_TIMEOUT.plusSeconds(10)).until(() -> stream.ended);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(IDLE_TIMEOUT.minusSeconds(1));
        }
    }

    private double openStreams() {
        return meters.get("careslot.slots.streams.open").gauge().value();
    }

    @Test
    void aStreamNeedsAValidDoctorId() {
        SlotApiTest.assertInvalid(api.get("/api/slots/stream"), "doctorId");
        SlotApiTest.assertInvalid(api.get("/api/slots/stream?doctorId=nope"), "doctorId");
    }

    private String openVisibleSlot(int hour) {
        HttpJson.Response opened = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(Calendar.tomorrowAt(hour), Calendar.tomorrowAt(hour).plusSeconds(1800)));
        String slotId = opened.json().get("slotId").asText();
        assertThat(asDoctor.after(opened).get("/api/slots/" + slotId).status()).isEqualTo(200);
        return slotId;
    }

    /** The lines of one open event stream, collected as they arrive. */
    private static final class Stream implements AutoCloseable, Flow.Subscriber<String> {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean ended;
        private final CompletableFuture<HttpResponse.ResponseInfo> response = new CompletableFuture<>();

        static Stream open(String url, String accessToken) {
            Stream stream = new Stream();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            CLIENT.sendAsync(request.build(), info -> {
                stream.response.complete(info);
                return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
            }).whenComplete((done, failed) -> stream.response.completeExceptionally(
                    failed == null ? new IllegalStateException("no headers") : failed));
            return stream;
        }

        /** The answer's status, once its headers have arrived (the body streams on). */
        int status() {
            return answer().statusCode();
        }

        String header(String name) {
            return answer().headers().firstValue(name).orElse(null);
        }

        private HttpResponse.ResponseInfo answer() {
            try {
                return response.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no answer to a stream's request", e);
            }
        }

        boolean has(String line) {
            return lines.contains(line);
        }

        /** The data lines of every event with this name, joined. */
        String dataOf(String event) {
            StringBuilder data = new StringBuilder();
            boolean inside = false;
            for (String line : lines) {
                if (line.startsWith("event:")) {
                    inside = line.equals("event:" + event);
                } else if (inside && line.startsWith("data:")) {
                    data.append(line, 5, line.length()).append('\n');
                }
            }
            return data.toString();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable error) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
