package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.idempotency.IdempotentRequests;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** Writes with an Idempotency-Key: a retry gets the first answer again and the write happens once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyTest {

    static final String KEY = "Idempotency-Key";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotentRequests idempotentRequests;

    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    TestAccounts.Session patient;
    HttpJson asDoctor;
    HttpJson asPatient;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        patient = accounts.patient();
        asDoctor = api.as(doctor.accessToken());
        asPatient = api.as(patient.accessToken());
    }

    @Test
    void aRetriedBookingAnswersTheFirstAnswerAndBooksOnce() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 9);
        String key = UUID.randomUUID().toString();

        HttpJson.Response first = book(asPatient, slotId, key, BOOK);
        HttpJson.Response retry = book(asPatient, slotId, key, BOOK);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.json().get("appointmentId").asText()).isEqualTo(first.json().get("appointmentId").asText());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isNotNull();
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(bookings(slotId)).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 10);
        String otherSlotId = openSlot(asDoctor, doctor.accountId(), 11);
        String key = UUID.randomUUID().toString();
        assertThat(book(asPatient, slotId, key, BOOK).status()).isEqualTo(201);

        assertProblem(book(asPatient, slotId, key, "{\"note\":\"another body\"}"), 422, "idempotency-key-reused");
        assertProblem(book(asPatient, otherSlotId, key, BOOK), 422, "idempotency-key-reused");
        assertProblem(send(asPatient, "POST", "/api/slots/" + slotId + "/cancel", key, BOOK), 422,
                "idempotency-key-reused");

        assertThat(bookings(otherSlotId)).isZero();
        assertThat(bookings(slotId)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheCallerSoAnotherPatientsSameKeyRunsOnItsOwn() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 12);
        String key = "my-first-booking";
        assertThat(book(asPatient, slotId, key, BOOK).status()).isEqualTo(201);

        HttpJson.Response stranger = book(api.as(accounts.patient().accessToken()), slotId, key, BOOK);

        assertProblem(stranger, 409, "slot-not-free");
        assertThat(stranger.header("Idempotent-Replayed")).isNull();
        String otherSlotId = openSlot(asDoctor, doctor.accountId(), 13);
        HttpJson.Response elsewhere = book(api.as(accounts.patient().accessToken()), otherSlotId, key, BOOK);
        assertThat(elsewhere.status()).isEqualTo(201);
    }

    @Test
    void aRefusalIsReplayedEvenAfterTheSlotHasBecomeFree() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 14);
        TestAccounts.Session first = accounts.patient();
        HttpJson asFirst = api.as(first.accessToken());
        assertThat(asFirst.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);
        String key = UUID.randomUUID().toString();
        HttpJson.Response refused = book(asPatient, slotId, key, BOOK);
        assertProblem(refused, 409, "slot-not-free");
        assertThat(asFirst.post("/api/slots/" + slotId + "/cancel", null).status()).isEqualTo(200);

        HttpJson.Response retry = book(asPatient, slotId, key, BOOK);

        assertProblem(retry, 409, "slot-not-free");
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(bookings(slotId)).isEqualTo(1);
    }

    @Test
    void tenSimultaneousRetriesBookOnceAndEachGetsTheAnswerOrIsToldToWait() throws Exception {
        String slotId = openSlot(asDoctor, doctor.accountId(), 15);
        String key = UUID.randomUUID().toString();

        List<HttpJson.Response> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpJson.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                attempts.add(threads.submit(() -> {
                    go.await();
                    return book(asPatient, slotId, key, BOOK);
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> attempt : attempts) {
                answers.add(attempt.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(bookings(slotId)).isEqualTo(1);
        List<HttpJson.Response> booked = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(booked).isNotEmpty();
        assertThat(booked).extracting(answer -> answer.json().get("appointmentId").asText()).containsOnly(
                booked.get(0).json().get("appointmentId").asText());
        assertThat(answers).filteredOn(answer -> answer.status() != 201).allSatisfy(waiting -> {
            assertProblem(waiting, 409, "idempotency-key-in-progress");
            assertThat(waiting.header("Retry-After")).isEqualTo("1");
        });
        HttpJson.Response later = book(asPatient, slotId, key, BOOK);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.body()).isEqualTo(booked.get(0).body());
    }

    @Test
    void aKeyStillInProgressIsRefusedUntilItsClaimLapses() throws Exception {
        String slotId = openSlot(asDoctor, doctor.accountId(), 16);
        String key = UUID.randomUUID().toString();
        jdbc.update("""
                insert into command_side.idempotent_request (scope, key, method, path, body_sha256, created_at)
                values (?, ?, 'POST', ?, ?, now())""",
                patient.accountId().toString(), key, "/api/slots/" + slotId + "/book", sha256(BOOK));

        HttpJson.Response waiting = book(asPatient, slotId, key, BOOK);
        assertProblem(waiting, 409, "idempotency-key-in-progress");
        assertThat(waiting.header("Retry-After")).isEqualTo("1");
        assertThat(bookings(slotId)).isZero();

        jdbc.update("update command_side.idempotent_request set created_at = now() - interval '2 minutes' "
                + "where scope = ? and key = ?", patient.accountId().toString(), key);
        assertThat(book(asPatient, slotId, key, BOOK).status()).isEqualTo(201);
        assertThat(bookings(slotId)).isEqualTo(1);
    }

    @Test
    void refusesMalformedKeysNamingTheHeader() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 17);
        for (String key : List.of("x".repeat(256), "two words", "tab\there", "")) {
            HttpJson.Response refused = book(asPatient, slotId, key, BOOK);
            assertThat(refused.status()).as("[" + key + "]").isEqualTo(400);
            assertInvalid(refused, KEY);
        }
        HttpJson.Response twice = asPatient.send(HttpRequest.newBuilder(
                        URI.create(api.baseUrl() + "/api/slots/" + slotId + "/book"))
                .header("Content-Type", "application/json").header(KEY, "a").header(KEY, "b")
                .POST(HttpRequest.BodyPublishers.ofString(BOOK)));
        assertInvalid(twice, KEY);
        assertThat(bookings(slotId)).isZero();
        assertThat(book(asPatient, slotId, "x".repeat(255), BOOK).status()).isEqualTo(201);
    }

    @Test
    void readsIgnoreTheHeader() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 18);
        String key = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> read(slotId, key),
                slot -> slot.status() == 200 && "FREE".equals(slot.json().get("status").asText()));
        assertThat(read(slotId, "not a valid key").status()).isEqualTo(200);

        assertThat(book(asPatient, slotId, UUID.randomUUID().toString(), BOOK).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> read(slotId, key),
                slot -> slot.status() == 200 && "BOOKED".equals(slot.json().get("status").asText()));
    }

    @Test
    void signInIsNeverRecordedSoTokensAreNeverReplayed() {
        String key = UUID.randomUUID().toString();
        String login = "{\"email\":\"" + patient.email() + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}";

        HttpJson.Response first = send(api, "POST", "/api/auth/login", key, login);
        HttpJson.Response second = send(api, "POST", "/api/auth/login", key, login);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.json().get("refreshToken").asText()).isNotEqualTo(first.json().get("refreshToken").asText());
        assertThat(jdbc.queryForObject("select count(*) from command_side.idempotent_request where key = ?",
                Integer.class, key)).isZero();
    }

    @Test
    void aKeyOlderThanTheRetentionRunsAgain() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 19);
        String key = UUID.randomUUID().toString();
        HttpJson.Response first = book(asPatient, slotId, key, BOOK);
        assertThat(first.status()).isEqualTo(201);
        assertThat(asPatient.post("/api/slots/" + slotId + "/cancel", null).status()).isEqualTo(200);
        age(key, "25 hours");

        HttpJson.Response again = book(asPatient, slotId, key, BOOK);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(again.json().get("appointmentId").asText())
                .isNotEqualTo(first.json().get("appointmentId").asText());
        assertThat(bookings(slotId)).isEqualTo(2);
    }

    @Test
    void theCleanupDeletesKeysOlderThanTheRetention() {
        String oldKey = UUID.randomUUID().toString();
        String newKey = UUID.randomUUID().toString();
        assertThat(book(asPatient, openSlot(asDoctor, doctor.accountId(), 20), oldKey, BOOK).status()).isEqualTo(201);
        assertThat(book(asPatient, openSlot(asDoctor, doctor.accountId(), 21), newKey, BOOK).status()).isEqualTo(201);
        age(oldKey, "25 hours");

        assertThat(idempotentRequests.deleteExpired()).isPositive();

        assertThat(jdbc.queryForList("select key from command_side.idempotent_request where scope = ?",
                String.class, patient.accountId().toString())).containsExactly(newKey);
    }

    @Test
    void theApiDescriptionOffersTheHeaderOnRecordedWritesOnly() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.at("/~1api~1slots~1{slotId}~1book/post/parameters").findValuesAsText("name")).contains(KEY);
        assertThat(paths.at("/~1api~1doctors~1{doctorId}/patch/parameters").findValuesAsText("name")).contains(KEY);
        assertThat(paths.at("/~1api~1auth~1login/post").findValuesAsText("name")).doesNotContain(KEY);
        assertThat(paths.at("/~1api~1slots~1{slotId}/get").findValuesAsText("name")).doesNotContain(KEY);
    }

    private HttpJson.Response book(HttpJson as, String slotId, String key, String body) {
        return send(as, "POST", "/api/slots/" + slotId + "/book", key, body);
    }

    private HttpJson.Response send(HttpJson as, String method, String path, String key, String body) {
        return as.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header(KEY, key)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpJson.Response read(String slotId, String key) {
        return asPatient.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/slots/" + slotId))
                .header(KEY, key).GET());
    }

    private void age(String key, String interval) {
        jdbc.update("update command_side.idempotent_request set created_at = created_at - cast(? as interval) "
                + "where scope = ? and key = ?", interval, patient.accountId().toString(), key);
    }

    private int bookings(String slotId) {
        return jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.careslot.api.slot.SlotBooked'""",
                Integer.class, slotId);
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
