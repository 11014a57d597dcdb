package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Holds over HTTP: a patient holds a free slot for five minutes, nobody else can take it meanwhile, and the holder
 * books it or lets it go. The expiry itself, across a restart, is {@code HoldExpiryAcrossRestartIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HoldTest {

    /** The db-scheduler task every Axon deadline is stored under. */
    static final String AXON_DEADLINE_TASK = "AxonDeadline";

    @LocalServerPort
    int port;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    Configuration axon;
    @Autowired
    JdbcTemplate jdbc;

    HttpJson api;
    TestAccounts accounts;
    HttpJson asDoctor;
    HttpJson asPatient;
    HttpJson asOtherPatient;
    UUID doctorId;
    UUID patientId;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        TestAccounts.Session patient = accounts.patient();
        doctorId = doctor.accountId();
        patientId = patient.accountId();
        asDoctor = api.as(doctor.accessToken());
        asPatient = api.as(patient.accessToken());
        asOtherPatient = api.as(accounts.patient().accessToken());
    }

    @Test
    void expiryIsKeptByTheDurableDbSchedulerDeadlineManager() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(axon.deadlineManager()).isSameAs(deadlineManager);
    }

    @Test
    void holdsAFreeSlotForFiveMinutesAndOnlyEntitledReadersSeeWhoHoldsIt() {
        String slotId = openSlot(asDoctor, doctorId, 9);

        Instant before = Instant.now();
        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(hold.header("Location")).isEqualTo("/api/slots/" + slotId + "/hold");
        assertThat(hold.json().get("slotId").asText()).isEqualTo(slotId);
        assertThat(UUID.fromString(hold.json().get("holdId").asText())).isNotNull();
        assertThat(Instant.parse(hold.json().get("expiresAt").asText()))
                .isBetween(before.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));

        JsonNode held = awaitStatus(asPatient, slotId, "HELD");
        assertThat(held.get("patientId").asText()).isEqualTo(patientId.toString());
        assertThat(asDoctor.get("/api/slots/" + slotId).json().get("patientId").asText())
                .isEqualTo(patientId.toString());
        for (HttpJson stranger : List.of(api, asOtherPatient)) {
            JsonNode slot = stranger.get("/api/slots/" + slotId).json();
            assertThat(slot.get("status").asText()).isEqualTo("HELD");
            assertThat(slot.has("patientId")).isFalse();
        }
        assertThat(api.get("/api/slots?doctorId=" + doctorId + "&status=HELD").json().get("items")
                .findValuesAsText("slotId")).containsExactly(slotId);
    }

    @Test
    void nobodyElseCanHoldOrBookAHeldSlot() {
        String slotId = openSlot(asDoctor, doctorId, 10);
        String holdId = hold(asPatient, slotId);

        assertProblem(asOtherPatient.post("/api/slots/" + slotId + "/hold", null), 409, "slot-not-free");
        assertProblem(asOtherPatient.post("/api/slots/" + slotId + "/book", BOOK), 409, "slot-not-free");
        assertProblem(asOtherPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\"" + holdId + "\"}"), 409,
                "slot-not-free");
        assertProblem(asOtherPatient.delete("/api/slots/" + slotId + "/hold"), 403, "not-your-hold");
        assertProblem(asDoctor.post("/api/slots/" + slotId + "/block", null), 409, "slot-not-free");
        assertProblem(asDoctor.delete("/api/slots/" + slotId), 409, "slot-not-removable");
    }

    @Test
    void theHolderBooksTheSlotByQuotingTheHold() {
        String slotId = openSlot(asDoctor, doctorId, 11);
        String holdId = hold(asPatient, slotId);
        assertThat(pendingExpiries(holdId)).as("the hold's deadline is stored").isEqualTo(1);

        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\"" + holdId + "\"}");

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().get("status").asText()).isEqualTo("booked");
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patientId.toString());
        assertThat(pendingExpiries(holdId)).as("booking cancels the hold's deadline").isZero();
        JsonNode slot = awaitStatus(asPatient, slotId, "BOOKED");
        assertThat(slot.get("appointmentId").asText()).isEqualTo(booked.json().get("appointmentId").asText());
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                asAdmin.get("/api/audit/events?aggregateId=" + slotId).json().get("items").findValuesAsText("type"))
                .containsExactly("SlotOpened", "SlotHeld", "SlotBooked"));
    }

    @Test
    void theHolderMayBookWithoutQuotingTheHold() {
        String slotId = openSlot(asDoctor, doctorId, 12);
        String holdId = hold(asPatient, slotId);

        assertThat(asPatient.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);

        assertThat(pendingExpiries(holdId)).isZero();
        awaitStatus(asPatient, slotId, "BOOKED");
    }

    @Test
    void aHoldIdThatIsNotTheHoldersHoldIsInvalid() {
        String slotId = openSlot(asDoctor, doctorId, 13);
        String holdId = hold(asPatient, slotId);

        assertInvalid(asPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\"" + UUID.randomUUID() + "\"}"),
                "holdId");
        assertInvalid(asPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\"not-a-uuid\"}"), "holdId");
        awaitStatus(asPatient, slotId, "HELD");
        assertThat(pendingExpiries(holdId)).isEqualTo(1);
    }

    @Test
    void holdingAgainAnswersTheSameHoldWithoutExtendingIt() {
        String slotId = openSlot(asDoctor, doctorId, 14);
        HttpJson.Response first = asPatient.post("/api/slots/" + slotId + "/hold", null);

        HttpJson.Response again = asPatient.post("/api/slots/" + slotId + "/hold", null);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("holdId")).isEqualTo(first.json().get("holdId"));
        assertThat(again.json().get("expiresAt")).isEqualTo(first.json().get("expiresAt"));
        assertThat(pendingExpiries(first.json().get("holdId").asText())).isEqualTo(1);
    }

    @Test
    void theHolderLetsGoAndTheSlotIsFreeForOthers() {
        String slotId = openSlot(asDoctor, doctorId, 15);
        String holdId = hold(asPatient, slotId);

        assertThat(asPatient.delete("/api/slots/" + slotId + "/hold").status()).isEqualTo(204);

        assertThat(pendingExpiries(holdId)).as("releasing cancels the hold's deadline").isZero();
        JsonNode free = awaitStatus(asPatient, slotId, "FREE");
        assertThat(free.has("patientId")).isFalse();
        assertProblem(asPatient.delete("/api/slots/" + slotId + "/hold"), 409, "no-active-hold");
        assertThat(asOtherPatient.post("/api/slots/" + slotId + "/hold", null).status()).isEqualTo(201);
    }

    @Test
    void onlyVerifiedPatientsHold() {
        String slotId = openSlot(asDoctor, doctorId, 16);

        assertProblem(api.as(accounts.unverifiedPatient().accessToken()).post("/api/slots/" + slotId + "/hold", null),
                403, "account-not-verified");
        assertProblem(asDoctor.post("/api/slots/" + slotId + "/hold", null), 403, "forbidden");
        assertThat(api.post("/api/slots/" + slotId + "/hold", null).status()).isEqualTo(401);
        assertProblem(asPatient.post("/api/slots/" + UUID.randomUUID() + "/hold", null), 404, "not-found");
    }

    @Test
    void exactlyOneOfManyConcurrentHoldsAndBookingsWins() throws Exception {
        String slotId = openSlot(asDoctor, doctorId, 17);
        List<HttpJson> patients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            patients.add(api.as(accounts.patient().accessToken()));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(patients.size());
        List<Future<HttpJson.Response>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < patients.size(); i++) {
                HttpJson patient = patients.get(i);
                String action = i % 2 == 0 ? "/hold" : "/book";
                attempts.add(threads.submit(() -> {
                    go.await();
                    return patient.post("/api/slots/" + slotId + action, action.equals("/book") ? BOOK : null);
                }));
            }
            go.countDown();
            List<HttpJson.Response> answers = new ArrayList<>();
            for (Future<HttpJson.Response> attempt : attempts) {
                answers.add(attempt.get());
            }

            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(r -> r.status() != 201)
                    .allSatisfy(refusal -> assertProblem(refusal, 409, "slot-not-free"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theStoredDeadlineIsJsonAllTheWayDownAndDueAtTheExpiry() throws Exception {
        String slotId = openSlot(asDoctor, doctorId, 18);
        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);
        String holdId = hold.json().get("holdId").asText();

        StoredExpiry stored = storedExpiries(holdId).get(0);

        JsonNode details = stored.details();
        ObjectMapper json = new ObjectMapper();
        assertThat(details.get("d").asText()).isEqualTo("hold-expiry");
        assertThat(details.get("pc").asText()).isEqualTo("com.careslot.command.slot.HoldExpiry");
        assertThat(json.readTree(decoded(details, "p")).get("holdId").asText()).isEqualTo(holdId);
        JsonNode scope = json.readTree(decoded(details, "s"));
        assertThat(scope.get("type").asText()).isEqualTo("Slot");
        assertThat(scope.get("identifier").asText()).isEqualTo(slotId);
        assertThat(json.readTree(decoded(details, "m")).get("actorId").asText()).isEqualTo(patientId.toString());
        assertThat(stored.due()).isCloseTo(Instant.parse(hold.json().get("expiresAt").asText()),
                within(1, ChronoUnit.MILLIS));
    }

    private String hold(HttpJson patient, String slotId) {
        HttpJson.Response hold = patient.post("/api/slots/" + slotId + "/hold", null);
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        return hold.json().get("holdId").asText();
    }

    private long pendingExpiries(String holdId) {
        return storedExpiries(holdId).size();
    }

    record StoredExpiry(JsonNode details, Instant due) {
    }

    /**
     * The pending hold-expiry deadlines of this hold as db-scheduler stores them: Axon's deadline details as JSON,
     * their payload, scope and metadata as Base64 of Axon's Jackson serialization.
     */
    private List<StoredExpiry> storedExpiries(String holdId) {
        ObjectMapper json = new ObjectMapper();
        return jdbc.query("select task_data, execution_time from command_side.scheduled_tasks where task_name = ?",
                        (row, i) -> {
                            try {
                                return new StoredExpiry(json.readTree(row.getBytes("task_data")),
                                        row.getTimestamp("execution_time").toInstant());
                            } catch (IOException e) {
                                throw new AssertionError("task_data is not JSON", e);
                            }
                        }, AXON_DEADLINE_TASK).stream()
                .filter(stored -> "hold-expiry".equals(stored.details().path("d").asText()))
                .filter(stored -> decoded(stored.details(), "p").contains(holdId))
                .toList();
    }

    private static String decoded(JsonNode details, String field) {
        return new String(Base64.getDecoder().decode(details.get(field).asText()), StandardCharsets.UTF_8);
    }

    private static JsonNode awaitStatus(HttpJson reader, String slotId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> reader.get("/api/slots/" + slotId).json(),
                slot -> status.equals(slot.path("status").asText()));
    }
}
