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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.axonframework.config.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.position.ProjectionProgress;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/** A page showing a doctor's slots hears of a booking made by someone else while it is open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlotStreamTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    Configuration axon;
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

        static Stream open(String url, String accessToken) {
            Stream stream = new Stream();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(stream));
            return stream;
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
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
