package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What auditors read (issue 7, point 4): the trail filtered by aggregate, type, actor and time; a slot's history;
 * a slot's state at any instant, rebuilt from its events; the trail exported as NDJSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    TestAccounts.Session patient;
    HttpJson asDoctor;
    HttpJson asPatient;
    HttpJson asAuditor;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        patient = accounts.patient();
        asDoctor = api.as(doctor.accessToken());
        asPatient = api.as(patient.accessToken());
        asAuditor = api.as(auditor(api, accounts).accessToken());
    }

    @Test
    void namesThePeopleOfTheTrailByIdOrByAPartOfTheName() {
        JsonNode byId = await().atMost(Duration.ofSeconds(15)).until(() -> asAuditor.get("/api/audit/people?ids="
                + doctor.accountId() + "," + patient.accountId()).json().get("items"), items -> items.size() == 2);
        assertThat(byId.findValuesAsText("fullName")).containsExactlyInAnyOrder("Dr. Test", "Pat Ient");
        assertThat(byId.findValuesAsText("role")).containsExactlyInAnyOrder("DOCTOR", "PATIENT");
        assertThat(asAuditor.get("/api/audit/people?q=pat%20ie").json().get("items").findValuesAsText("accountId"))
                .contains(patient.accountId().toString());
        SlotApiTest.assertInvalid(asAuditor.get("/api/audit/people"), "q");
        SlotApiTest.assertProblem(asPatient.get("/api/audit/people?q=Dr"), 403, "forbidden");
    }

    @Test
    void filtersTheTrailByAggregateTypeActorAndTimeWindow() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 9);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        asPatient.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"plans changed\"}");
        JsonNode history = awaitHistory(slotId, 3);
        Instant booked = Instant.parse(history.get(1).get("timestamp").asText());
        Instant cancelled = Instant.parse(history.get(2).get("timestamp").asText());

        JsonNode byPatient = asAuditor.get("/api/audit/events?aggregateId=" + slotId + "&actor=" + patient.accountId())
                .json();
        assertThat(byPatient.get("items").findValuesAsText("type")).containsExactly("SlotBooked", "BookingCancelled");
        assertThat(byPatient.get("totalItems").asInt()).isEqualTo(2);

        JsonNode byDoctor = asAuditor.get("/api/audit/events?actor=" + doctor.accountId()).json();
        assertThat(byDoctor.get("items").findValuesAsText("type")).contains("SlotOpened")
                .doesNotContain("SlotBooked");

        JsonNode window = asAuditor.get("/api/audit/events?aggregateId=" + slotId + "&from=" + booked + "&to="
                + cancelled).json();
        assertThat(window.get("items").findValuesAsText("type")).as("from inclusive, to exclusive")
                .containsExactly("SlotBooked");

        JsonNode cancellations = asAuditor.get("/api/audit/events?type=BookingCancelled&actor=" + patient.accountId()
                + "&from=" + booked).json();
        assertThat(cancellations.get("items").findValuesAsText("aggregateId")).containsExactly(slotId);
        assertThat(cancellations.get("items").get(0).get("payload").get("reason").asText()).isEqualTo("plans changed");
    }

    @Test
    void pagesThroughTheTrailInTheOrderItWasStored() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 10);
        for (int i = 0; i < 2; i++) {
            asPatient.post("/api/slots/" + slotId + "/book", BOOK);
            asPatient.post("/api/slots/" + slotId + "/cancel", null);
        }
        awaitHistory(slotId, 5);

        List<Long> positions = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode items = asAuditor.get("/api/audit/events?aggregateId=" + slotId + "&size=2&page=" + page).json()
                    .get("items");
            items.forEach(item -> positions.add(item.get("globalIndex").asLong()));
        }
        assertThat(positions).hasSize(5).isSorted().doesNotHaveDuplicates();
        JsonNode last = asAuditor.get("/api/audit/events?aggregateId=" + slotId + "&size=2&page=2").json();
        assertThat(last.get("page").asInt()).isEqualTo(2);
        assertThat(last.get("size").asInt()).isEqualTo(2);
        assertThat(last.get("totalItems").asInt()).isEqualTo(5);
    }

    @Test
    void showsASlotsHistoryWithWhoDidWhatAndTheirCorrelationIds() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 11);
        HttpJson.Response booked = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.baseUrl() + "/api/slots/" + slotId + "/book"))
                .header("Authorization", "Bearer " + patient.accessToken())
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "audit-test-" + slotId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(BOOK)));
        assertThat(booked.status()).isEqualTo(201);
        asDoctor.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"doctor ill\"}");

        JsonNode history = awaitHistory(slotId, 3);

        assertThat(history.findValuesAsText("type")).containsExactly("SlotOpened", "SlotBooked", "BookingCancelled");
        assertThat(history.findValuesAsText("sequenceNumber")).containsExactly("0", "1", "2");
        assertThat(history.get(0).get("actor").get("accountId").asText()).isEqualTo(doctor.accountId().toString());
        assertThat(history.get(1).get("actor").get("accountId").asText()).isEqualTo(patient.accountId().toString());
        assertThat(history.get(1).get("actor").get("role").asText()).isEqualTo("PATIENT");
        assertThat(history.get(1).get("correlationId").asText()).isEqualTo("audit-test-" + slotId);
        assertThat(history.get(2).get("actor").get("role").asText()).isEqualTo("DOCTOR");
        assertThat(history.get(2).get("payload").get("reason").asText()).isEqualTo("doctor ill");

        assertProblem(asAuditor.get("/api/audit/slots/" + UUID.randomUUID() + "/history"), 404, "not-found");
        assertProblem(asAuditor.get("/api/audit/slots/" + doctor.accountId() + "/history"), 404, "not-found");
    }

    @Test
    void rebuildsASlotsStateAtEveryInstantOfItsHistory() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 12);
        String holdId = asPatient.post("/api/slots/" + slotId + "/hold", null).json().get("holdId").asText();
        String appointmentId = asPatient.post("/api/slots/" + slotId + "/book", BOOK).json().get("appointmentId")
                .asText();
        asPatient.post("/api/slots/" + slotId + "/cancel", null);
        asDoctor.post("/api/slots/" + slotId + "/block", "{\"reason\":\"conference\"}");
        JsonNode history = awaitHistory(slotId, 5);

        JsonNode opened = asOf(slotId, history.get(0));
        assertThat(opened.get("status").asText()).isEqualTo("FREE");
        assertThat(opened.get("doctorId").asText()).isEqualTo(doctor.accountId().toString());
        assertThat(opened.get("sequenceNumber").asLong()).isZero();
        assertThat(opened.has("patientId")).isFalse();

        JsonNode held = asOf(slotId, history.get(1));
        assertThat(held.get("status").asText()).isEqualTo("HELD");
        assertThat(held.get("holdId").asText()).isEqualTo(holdId);
        assertThat(held.get("patientId").asText()).isEqualTo(patient.accountId().toString());
        assertThat(held.has("holdExpiresAt")).isTrue();

        JsonNode booked = asOf(slotId, history.get(2));
        assertThat(booked.get("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(booked.get("appointmentStatus").asText()).isEqualTo("booked");
        assertThat(booked.has("holdId")).isFalse();

        assertThat(asOf(slotId, history.get(3)).get("status").asText()).isEqualTo("FREE");
        JsonNode now = asAuditor.get("/api/audit/slots/" + slotId).json();
        assertThat(now.get("status").asText()).isEqualTo("BLOCKED");
        assertThat(now.get("sequenceNumber").asLong()).isEqualTo(4);
        assertThat(now.get("slotId").asText()).isEqualTo(slotId);

        Instant beforeItWasOpened = Instant.parse(history.get(0).get("timestamp").asText()).minusMillis(1);
        assertProblem(asAuditor.get("/api/audit/slots/" + slotId + "?asOf=" + beforeItWasOpened), 404, "not-found");
        assertProblem(asAuditor.get("/api/audit/slots/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(asAuditor.get("/api/audit/slots/" + doctor.accountId()), 404, "not-found");
    }

    @Test
    void exportsTheTrailAsOneJsonEntryPerLine() {
        Instant from = Instant.now().minusSeconds(1);
        String slotId = openSlot(asDoctor, doctor.accountId(), 13);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        awaitHistory(slotId, 2);
        Instant to = Instant.now().plusSeconds(1);

        HttpJson.Response export = asAuditor.get("/api/audit/export?from=" + from + "&to=" + to);

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.body()).endsWith("\n");
        List<JsonNode> lines = export.body().lines().map(AuditTrailTest::parse).toList();
        assertThat(lines).extracting(line -> line.get("globalIndex").asLong()).isSorted();
        assertThat(lines).allSatisfy(line -> assertThat(Instant.parse(line.get("timestamp").asText()))
                .isBetween(from, to));
        List<JsonNode> slotLines = lines.stream().filter(line -> slotId.equals(line.path("aggregateId").asText()))
                .toList();
        assertThat(slotLines).extracting(line -> line.get("type").asText()).containsExactly("SlotOpened", "SlotBooked");
        JsonNode listed = asAuditor.get("/api/audit/events?aggregateId=" + slotId).json().get("items");
        assertThat(slotLines).containsExactly(listed.get(0), listed.get(1));

        HttpJson.Response onlyBookings = asAuditor.get("/api/audit/export?type=SlotBooked&aggregateId=" + slotId);
        assertThat(onlyBookings.body().lines()).hasSize(1);
    }

    @Test
    void namesTheFieldOfEveryInvalidFilter() {
        assertInvalid(asAuditor.get("/api/audit/events?aggregateId=42"), "aggregateId");
        assertInvalid(asAuditor.get("/api/audit/events?from=yesterday"), "from");
        assertInvalid(asAuditor.get("/api/audit/events?to=2030-13-01T00:00:00Z"), "to");
        assertInvalid(asAuditor.get("/api/audit/events?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), "to");
        assertInvalid(asAuditor.get("/api/audit/events?type=" + "x".repeat(256)), "type");
        assertInvalid(asAuditor.get("/api/audit/events?page=-1"), "page");
        assertInvalid(asAuditor.get("/api/audit/events?page=100&size=100"), "page");
        assertInvalid(asAuditor.get("/api/audit/events?size=0"), "size");
        assertInvalid(asAuditor.get("/api/audit/events?size=501"), "size");
        assertInvalid(asAuditor.get("/api/audit/slots/42/history"), "slotId");
        assertInvalid(asAuditor.get("/api/audit/slots/" + UUID.randomUUID() + "/history?size=501"), "size");
        assertInvalid(asAuditor.get("/api/audit/slots/42"), "slotId");
        assertInvalid(asAuditor.get("/api/audit/slots/" + UUID.randomUUID() + "?asOf=noon"), "asOf");
        assertInvalid(asAuditor.get("/api/audit/slots/" + UUID.randomUUID() + "?asOf="
                + Instant.now().plus(Duration.ofHours(1))), "asOf");
        assertInvalid(asAuditor.get("/api/audit/export?from=noon"), "from");
        assertInvalid(asAuditor.get("/api/audit/export?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), "to");
    }

    @Test
    void onlyAuditorsAndAdminsReadTheTrail() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 14);
        awaitHistory(slotId, 1);
        List<String> reads = List.of("/api/audit/events", "/api/audit/slots/" + slotId + "/history",
                "/api/audit/slots/" + slotId, "/api/audit/export?from=" + Instant.now().minusSeconds(60));
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        for (String read : reads) {
            assertThat(asAuditor.get(read).status()).as(read).isEqualTo(200);
            assertThat(asAdmin.get(read).status()).as(read).isEqualTo(200);
            assertProblem(asPatient.get(read), 403, "forbidden");
            assertProblem(asDoctor.get(read), 403, "forbidden");
            assertThat(api.get(read).status()).as(read).isEqualTo(401);
        }
    }

    /** An auditor created by the admin, as an operator would: invited by mail, password set, signed in. */
    static TestAccounts.Session auditor(HttpJson api, TestAccounts accounts) {
        String email = "auditor-" + UUID.randomUUID() + "@example.test";
        HttpJson.Response created = api.as(accounts.admin().accessToken()).post("/api/admin/auditors",
                "{\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    private JsonNode awaitHistory(String slotId, int events) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> asAuditor.get("/api/audit/slots/" + slotId + "/history").json().path("items"),
                items -> items.size() == events);
    }

    /** The slot's state as of the instant the given entry of its history was stored. */
    private JsonNode asOf(String slotId, JsonNode entry) {
        HttpJson.Response state = asAuditor.get("/api/audit/slots/" + slotId + "?asOf=" + entry.get("timestamp").asText());
        assertThat(state.status()).as(state.toString()).isEqualTo(200);
        assertThat(state.json().get("sequenceNumber").asLong()).isEqualTo(entry.get("sequenceNumber").asLong());
        return state.json();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(line, e);
        }
    }
}
