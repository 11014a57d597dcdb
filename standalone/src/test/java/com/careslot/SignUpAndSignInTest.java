package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

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
 * Patients sign up, prove their address with the mailed code and sign in; guessing codes and passwords is
 * throttled; refresh tokens rotate and sign-out revokes them. All over real HTTP, real SMTP and real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignUpAndSignInTest {

    static final String PASSWORD = TestAccounts.PASSWORD;
    static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    TestAccounts accounts;

    @BeforeEach
    void client() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
    }

    @Test
    void aPatientSignsUpSignsInUnverifiedAndBooksOnlyAfterEnteringTheMailedCode() {
        String email = newEmail();
        HttpJson.Response registered = register(email, PASSWORD, "Pat Ient", "+49 30 1234567");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("email").asText()).isEqualTo(email);
        assertThat(registered.json().get("role").asText()).isEqualTo("PATIENT");
        assertThat(registered.json().get("verified").asBoolean()).isFalse();

        JsonNode mail = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/dev/mail?to=" + email).json().path("items"), items -> items.size() == 1)
                .get(0);
        assertThat(mail.get("subject").asText()).containsIgnoringCase("verification code");
        assertThat(SIX_DIGITS.matcher(mail.get("text").asText()).find()).as(mail.toString()).isTrue();
        String code = accounts.codeFor(email);

        TestAccounts.Session patient = accounts.login(email, PASSWORD);
        HttpJson asPatient = api.as(patient.accessToken());
        JsonNode me = asPatient.get("/api/auth/me").json();
        assertThat(me.get("accountId").asText()).isEqualTo(registered.json().get("accountId").asText());
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("role").asText()).isEqualTo("PATIENT");
        assertThat(me.get("verified").asBoolean()).isFalse();

        TestAccounts.Session doctor = accounts.doctor();
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 9);
        assertProblem(asPatient.post("/api/slots/" + slotId + "/book", BOOK), 403, "account-not-verified");

        HttpJson.Response verified = verify(email, code);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();
        assertThat(asPatient.get("/api/auth/me").json().get("verified").asBoolean()).isTrue();

        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patient.accountId().toString());
    }

    @Test
    void aWrongCodeIsRefusedNamingTheCodeField() {
        String email = registered();
        String code = accounts.codeFor(email);

        assertInvalid(verify(email, otherThan(code)), "code");

        assertThat(verify(email, code).status()).isEqualTo(200);
    }

    @Test
    void fiveWrongCodesLockTheCodeUntilANewOneIsRequested() {
        String email = registered();
        String code = accounts.codeFor(email);
        for (int attempt = 1; attempt < 5; attempt++) {
            assertInvalid(verify(email, otherThan(code)), "code");
        }

        assertThrottled(verify(email, otherThan(code)));
        assertThrottled(verify(email, code));

        // The sign-up mail itself counts as a send: a new code may be asked for only a minute later.
        assertThrottled(resend(email));
        backdateCodeSends(email, Duration.ofMinutes(2));
        assertThat(resend(email).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 2);
        String newCode = accounts.codeFor(email);
        assertThrottled(resend(email));

        HttpJson.Response verified = verify(email, newCode);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void anExpiredCodeIsRefused() {
        String email = registered();
        String code = accounts.codeFor(email);
        jdbc.update("""
                update command_side.one_time_code set expires_at = now() - interval '1 second'
                where purpose = 'VERIFY' and account_id = (select account_id from command_side.account where email = ?)
                """, email);

        assertInvalid(verify(email, code), "code");
        assertThat(api.as(accounts.login(email, PASSWORD).accessToken()).get("/api/auth/me").json()
                .get("verified").asBoolean()).isFalse();
    }

    @Test
    void registrationNamesEveryInvalidField() {
        String email = newEmail();
        assertInvalid(register(email, "short-pw", "Pat Ient", null), "password");
        String mixedCase = "Same.As.Password-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
        assertInvalid(register(mixedCase, mixedCase.toUpperCase(), "Pat Ient", null), "password");
        assertInvalid(register(mixedCase, mixedCase.toLowerCase(), "Pat Ient", null), "password");
        assertInvalid(register("not-an-email", PASSWORD, "Pat Ient", null), "email");
        assertInvalid(api.post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"), "fullName");
        assertInvalid(register(email, PASSWORD, " ", null), "fullName");
        assertInvalid(register(email, PASSWORD, "Pat Ient", "call me maybe"), "phone");

        assertThat(jdbc.queryForObject("select count(*) from command_side.account where email in (?, ?)",
                Integer.class, email, mixedCase.toLowerCase())).isZero();
    }

    @Test
    void anEmailSignsUpOnlyOnceWhateverItsCase() {
        String email = newEmail();
        assertThat(register(email, PASSWORD, "Pat Ient", null).status()).isEqualTo(201);

        HttpJson.Response again = register(email.toUpperCase(), "another password entirely", "Pat Two", null);

        assertProblem(again, 409, "email-taken");
        assertThat(accounts.login(email, PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void signInAnswersTheTokensInTheirContractShape() throws Exception {
        String email = registered();

        HttpJson.Response response = login(email, PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        JsonNode tokens = response.json();
        List<String> fields = new ArrayList<>();
        tokens.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("accessToken", "refreshToken", "tokenType", "expiresIn", "role");
        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").isIntegralNumber()).isTrue();
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("role").asText()).isEqualTo("PATIENT");
        String[] jwt = tokens.get("accessToken").asText().split("\\.");
        assertThat(jwt).hasSize(3);
        JsonNode header = decoded(jwt[0]);
        JsonNode claims = decoded(jwt[1]);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("role").asText()).isEqualTo("PATIENT");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asText()).isNotBlank().doesNotContain(".");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAreRefusedAlike() {
        String email = registered();

        HttpJson.Response wrongPassword = login(email, "not the right password");
        HttpJson.Response unknownEmail = login(newEmail(), PASSWORD);

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        assertThat(unknownEmail.json().get("detail").asText()).isEqualTo(wrongPassword.json().get("detail").asText());
    }

    @Test
    void fiveFailedSignInsLockThatEmailOnly() {
        String email = registered();
        String other = registered();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(login(email, "guess number " + attempt), 401, "invalid-credentials");
        }

        assertThrottled(login(email, PASSWORD));
        assertThrottled(login(email.toUpperCase(), PASSWORD));
        assertThat(login(other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void concurrentGuessesGetNoMoreThanFiveSignInAttempts() throws Exception {
        String email = registered();

        List<HttpJson.Response> answers = concurrently(20, attempt -> login(email, "guess number " + attempt));

        assertThat(answers).filteredOn(r -> r.status() == 401).as(statuses(answers)).hasSize(5);
        assertThat(answers).filteredOn(r -> r.status() == 429).as(statuses(answers)).hasSize(15);
        assertThrottled(login(email, PASSWORD));
    }

    @Test
    void concurrentGuessesGetNoMoreThanFiveCodeAttempts() throws Exception {
        String email = registered();
        String code = accounts.codeFor(email);

        List<HttpJson.Response> answers = concurrently(20, attempt -> verify(email, otherThan(code)));

        assertThat(answers).filteredOn(r -> r.status() == 400).as(statuses(answers)).hasSize(4);
        assertThat(answers).filteredOn(r -> r.status() == 429).as(statuses(answers)).hasSize(16);
        assertThrottled(verify(email, code));
    }

    @Test
    void concurrentResendsMailOneNewCode() throws Exception {
        String email = registered();
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        backdateCodeSends(email, Duration.ofMinutes(2));

        List<HttpJson.Response> answers = concurrently(10, attempt -> resend(email));

        assertThat(answers).filteredOn(r -> r.status() == 202).as(statuses(answers)).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 202).allSatisfy(SignUpAndSignInTest::assertThrottled);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 2);
        assertThat(jdbc.queryForObject("""
                select count(*) from command_side.code_send
                where account_id = (select account_id from command_side.account where email = ?)
                """, Integer.class, email)).isEqualTo(2);
    }

    @Test
    void concurrentSignUpsWithOneEmailMakeOneAccount() throws Exception {
        String email = newEmail();

        List<HttpJson.Response> answers = concurrently(10,
                attempt -> register(attempt % 2 == 0 ? email : email.toUpperCase(), PASSWORD, "Pat Ient", null));

        assertThat(answers).filteredOn(r -> r.status() == 201).as(statuses(answers)).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertProblem(r, 409, "email-taken"));
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.patient.PatientRegistered'
                  and aggregate_identifier in (select account_id::text from command_side.account where email = ?)
                """, Integer.class, email)).as("the email is encrypted in the event: counted by its account")
                .isEqualTo(1);
    }

    @Test
    void aRefreshTokenSpentTwiceAtOnceYieldsAtMostOneSuccessor() throws Exception {
        String refreshToken = login(registered(), PASSWORD).json().get("refreshToken").asText();

        List<HttpJson.Response> answers = concurrently(10, attempt -> refresh(refreshToken));

        assertThat(answers).filteredOn(r -> r.status() == 200).as(statuses(answers)).hasSizeLessThanOrEqualTo(1);
        for (HttpJson.Response answer : answers) {
            if (answer.status() == 200) {
                assertProblem(refresh(answer.json().get("refreshToken").asText()), 401, "invalid-refresh-token");
            } else {
                assertProblem(answer, 401, "invalid-refresh-token");
            }
        }
    }

    @Test
    void aRefreshRotatesTheTokenAndASpentOneRevokesItsFamily() {
        String email = registered();
        JsonNode first = login(email, PASSWORD).json();
        String spent = first.get("refreshToken").asText();

        HttpJson.Response refreshed = refresh(spent);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String rotated = refreshed.json().get("refreshToken").asText();
        assertThat(rotated).isNotBlank().isNotEqualTo(spent);
        assertThat(refreshed.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(refreshed.json().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(refreshed.json().get("role").asText()).isEqualTo("PATIENT");
        String access = refreshed.json().get("accessToken").asText();
        assertThat(api.as(access).get("/api/auth/me").json().get("email").asText()).isEqualTo(email);

        assertProblem(refresh(spent), 401, "invalid-refresh-token");
        assertProblem(refresh(rotated), 401, "invalid-refresh-token");
    }

    @Test
    void signOutRevokesTheRefreshToken() {
        String email = registered();
        String refreshToken = login(email, PASSWORD).json().get("refreshToken").asText();
        String otherSession = login(email, PASSWORD).json().get("refreshToken").asText();

        assertThat(api.post("/api/auth/logout", "{\"refreshToken\":\"" + refreshToken + "\"}").status())
                .isEqualTo(204);

        assertProblem(refresh(refreshToken), 401, "invalid-refresh-token");
        assertThat(refresh(otherSession).status()).as("another sign-in is its own family").isEqualTo(200);
    }

    @Test
    void meNeedsAValidAccessToken() {
        assertProblem(api.get("/api/auth/me"), 401, "unauthenticated");
        assertProblem(api.as("not.a.token").get("/api/auth/me"), 401, "invalid-token");
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() {
        HttpJson.Response me = api.as(accounts.login(registered(), PASSWORD).accessToken()).get("/api/auth/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(me.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(me.header("Cache-Control")).contains("no-store");
        assertThat(me.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void withTheDefaultConfigurationNoOriginIsAllowedCrossSite() {
        // What a browser on another site sends before a sign-in with a JSON body (the platform's CorsTest allows one)
        HttpJson.Response preflight = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://clinic.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(preflight.header("Access-Control-Allow-Origin")).as(preflight.toString()).isNull();
    }

    private HttpJson.Response register(String email, String password, String fullName, String phone) {
        return api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"fullName\":\"" + fullName + "\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                + "}");
    }

    /** A patient just signed up, the code mailed and not yet entered. */
    private String registered() {
        String email = newEmail();
        HttpJson.Response response = register(email, PASSWORD, "Pat Ient", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return email;
    }

    private HttpJson.Response verify(String email, String code) {
        return api.post("/api/auth/verify", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
    }

    private HttpJson.Response resend(String email) {
        return api.post("/api/auth/verify/resend", "{\"email\":\"" + email + "\"}");
    }

    private HttpJson.Response login(String email, String password) {
        return api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private HttpJson.Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private JsonNode mailsTo(String email) {
        return api.get("/api/dev/mail?to=" + email).json().path("items");
    }

    /** Test setup: pretend the codes were sent earlier, instead of waiting out the resend pause. */
    private void backdateCodeSends(String email, Duration by) {
        jdbc.update("""
                update command_side.code_send set sent_at = sent_at - make_interval(secs => ?)
                where account_id = (select account_id from command_side.account where email = ?)
                """, by.toSeconds(), email);
    }

    /** Sends the requests all at once, from as many threads, and answers every response. */
    private static List<HttpJson.Response> concurrently(int requests, IntFunction<HttpJson.Response> request)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpJson.Response>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int attempt = i;
                pending.add(threads.submit(() -> {
                    go.await();
                    return request.apply(attempt);
                }));
            }
            go.countDown();
            List<HttpJson.Response> answers = new ArrayList<>();
            for (Future<HttpJson.Response> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String statuses(List<HttpJson.Response> answers) {
        return answers.stream().map(r -> String.valueOf(r.status())).sorted().toList().toString();
    }

    private static JsonNode decoded(String base64Url) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64Url));
    }

    static void assertThrottled(HttpJson.Response response) {
        assertProblem(response, 429, "too-many-attempts");
        assertThat(response.header("Retry-After")).as("Retry-After").isNotNull();
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    static String newEmail() {
        return "patient-" + UUID.randomUUID() + "@example.test";
    }

}
