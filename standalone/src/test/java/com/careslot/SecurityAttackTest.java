package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.Calendar.tomorrowAt;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.security.SigningKeys;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Attacks over real HTTP. Every attempt is refused with the status and problem type a client can act on, and
 * leaves no trace: the event store holds exactly as many events afterwards as before, and the slots read back as
 * they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SigningKeys signingKeys;

    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session admin;
    TestAccounts.Session doctor;
    TestAccounts.Session otherDoctor;
    TestAccounts.Session patient;
    TestAccounts.Session otherPatient;
    HttpJson asAdmin;
    HttpJson asDoctor;
    HttpJson asOtherDoctor;
    HttpJson asPatient;
    HttpJson asOtherPatient;
    String freeSlot;
    String bookedSlot;

    @BeforeEach
    void arrange() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        admin = accounts.admin();
        doctor = accounts.doctor();
        otherDoctor = accounts.doctor();
        patient = accounts.patient();
        otherPatient = accounts.patient();
        asAdmin = api.as(admin.accessToken());
        asDoctor = api.as(doctor.accessToken());
        asOtherDoctor = api.as(otherDoctor.accessToken());
        asPatient = api.as(patient.accessToken());
        asOtherPatient = api.as(otherPatient.accessToken());
        freeSlot = openSlot(asDoctor, doctor.accountId(), 9);
        bookedSlot = openSlot(asDoctor, doctor.accountId(), 10);
        assertThat(asPatient.post("/api/slots/" + bookedSlot + "/book", BOOK).status()).isEqualTo(201);
        awaitSlot(freeSlot, "FREE");
        awaitSlot(bookedSlot, "BOOKED");
    }

    // --- Who is calling: no token, or one the server did not issue as it stands ---

    @Test
    void refusesEveryProtectedRequestWithoutATokenAsUnauthenticated() {
        assertEveryProtectedRequestRefused(api, "unauthenticated");
    }

    /** Who may call is decided before the request is read: a stranger learns nothing of what an endpoint takes. */
    @Test
    void refusesCallersWithoutTheRightBeforeLookingAtWhatTheySent() {
        assertNothingChanges(() -> {
            for (HttpJson.Response anonymous : List.of(api.post("/api/admin/doctors", "{}"),
                    api.post("/api/admin/doctors", "{\"email\":"),
                    api.post("/api/admin/auditors", "{\"email\":\"not an email\"}"),
                    api.post("/api/doctors/" + doctor.accountId() + "/slots", "{}"),
                    api.patch("/api/doctors/not-a-uuid", "{}"),
                    api.post("/api/slots/" + freeSlot + "/book", "[]"),
                    api.post("/api/slots/" + bookedSlot + "/cancel", "{\"reason\":\"" + "x".repeat(501) + "\"}"),
                    api.get("/api/audit/events?size=0"))) {
                assertProblem(anonymous, 401, "unauthenticated");
                assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
            for (HttpJson.Response wrongRole : List.of(asPatient.post("/api/admin/doctors", "{}"),
                    asPatient.post("/api/admin/auditors", "{\"email\":"),
                    asDoctor.post("/api/admin/doctors/" + UUID.randomUUID() + "/reject", "{}"),
                    asDoctor.post("/api/slots/" + freeSlot + "/book", "[]"),
                    asPatient.get("/api/audit/events?size=0"))) {
                assertForbidden(wrongRole);
            }
        });
    }

    @Test
    void refusesGarbageTokens() {
        String[] parts = patient.accessToken().split("\\.");
        for (String garbage : List.of("garbage", "a.b.c", parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + "." + otherPatient.accessToken().split("\\.")[2])) {
            assertEveryProtectedRequestRefused(api.as(garbage), "invalid-token");
        }
    }

    @Test
    void refusesATokenWhoseClaimsWereChangedUnderItsSignature() {
        String toAdmin = Forgery.withClaims(patient.accessToken(),
                claims -> claims.replace("\"role\":\"PATIENT\"", "\"role\":\"ADMIN\""));
        String toAnotherAccount = Forgery.withClaims(patient.accessToken(),
                claims -> claims.replace(patient.accountId().toString(), otherPatient.accountId().toString()));

        assertEveryProtectedRequestRefused(api.as(toAdmin), "invalid-token");
        assertEveryProtectedRequestRefused(api.as(toAnotherAccount), "invalid-token");
    }

    @Test
    void refusesATokenWithATamperedSignature() {
        assertEveryProtectedRequestRefused(api.as(Forgery.withSignatureAltered(admin.accessToken())), "invalid-token");
    }

    /** The control for the forgeries below: made here like the server makes them, such a token is good. */
    @Test
    void acceptsATokenMadeLikeTheServersOwnWithTheServersKey() {
        String token = Forgery.signed(serverKey(), "careslot", admin.accountId(), "ADMIN",
                Instant.now().plus(Duration.ofMinutes(5)));

        HttpJson.Response me = api.as(token).get("/api/auth/me");

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void refusesAnUnsignedAlgNoneTokenClaimingAdmin() {
        String claims = Forgery.claims(admin.accountId(), "ADMIN");

        assertEveryProtectedRequestRefused(api.as(Forgery.unsigned(claims)), "invalid-token");
        assertEveryProtectedRequestRefused(
                api.as(Forgery.unsigned(claims) + admin.accessToken().split("\\.")[2]), "invalid-token");
    }

    @Test
    void refusesAnExpiredTokenSignedWithTheServersKey() {
        String expired = Forgery.signed(serverKey(), "careslot", admin.accountId(), "ADMIN",
                Instant.now().minus(Duration.ofMinutes(1)));

        assertEveryProtectedRequestRefused(api.as(expired), "invalid-token");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Forgery.signed(generator.generateKeyPair().getPrivate(), "careslot", admin.accountId(),
                "ADMIN", Instant.now().plus(Duration.ofMinutes(5)));

        assertEveryProtectedRequestRefused(api.as(foreign), "invalid-token");
    }

    @Test
    void refusesAnHmacTokenKeyedWithTheServersPublicKey() {
        String claims = Forgery.claims(admin.accountId(), "ADMIN");
        byte[] der = signingKeys.publicKey().getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);

        assertEveryProtectedRequestRefused(api.as(Forgery.hmacSigned(der, claims)), "invalid-token");
        assertEveryProtectedRequestRefused(api.as(Forgery.hmacSigned(pem, claims)), "invalid-token");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String token = Forgery.signed(serverKey(), "not-careslot", admin.accountId(), "ADMIN",
                Instant.now().plus(Duration.ofMinutes(5)));

        assertEveryProtectedRequestRefused(api.as(token), "invalid-token");
    }

    // --- What the caller's role and relation allow ---

    @Test
    void refusesPatientsAndDoctorsOnAdminEndpoints() {
        String applicantEmail = newEmail();
        UUID applicant = applyAsDoctor(applicantEmail);
        String doctorEmail = newEmail();
        String auditorEmail = newEmail();

        assertNothingChanges(() -> {
            for (HttpJson caller : List.of(asPatient, asDoctor)) {
                assertForbidden(caller.post("/api/admin/doctors", onboardJson(doctorEmail)));
                assertForbidden(caller.post("/api/admin/auditors", "{\"email\":\"" + auditorEmail + "\"}"));
                assertForbidden(caller.post("/api/admin/doctors/" + applicant + "/approve", null));
                assertForbidden(caller.post("/api/admin/doctors/" + applicant + "/reject",
                        "{\"reason\":\"no reason\"}"));
                assertForbidden(caller.get("/api/audit/events"));
            }
        });

        assertProblem(api.post("/api/auth/login", credentials(applicantEmail, TestAccounts.PASSWORD)), 403,
                "account-pending");
        assertThat(asAdmin.post("/api/admin/doctors", onboardJson(doctorEmail)).status())
                .as("the email was not taken").isEqualTo(201);
        assertThat(asAdmin.post("/api/admin/auditors", "{\"email\":\"" + auditorEmail + "\"}").status())
                .as("the email was not taken").isEqualTo(201);
        assertThat(asAdmin.post("/api/admin/doctors/" + applicant + "/approve", null).status())
                .as("the application is still pending").isEqualTo(200);
    }

    @Test
    void refusesAPatientOnDoctorEndpoints() {
        Instant start = tomorrowAt(15);

        assertNothingChanges(() -> {
            assertForbidden(asPatient.post("/api/doctors/" + doctor.accountId() + "/slots",
                    slotJson(start, start.plus(Duration.ofMinutes(30)))));
            assertForbidden(asPatient.patch("/api/doctors/" + doctor.accountId(), "{\"bio\":\"Quack\"}"));
        });
    }

    @Test
    void anAuditorReadsTheAuditTrailButCannotBookCancelOrOpen() {
        HttpJson asAuditor = api.as(auditor().accessToken());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpJson.Response trail = asAuditor.get("/api/audit/events?aggregateId=" + bookedSlot);
            assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
            assertThat(trail.json().get("items").findValuesAsText("type")).containsExactly("SlotOpened", "SlotBooked");
        });
        Instant start = tomorrowAt(16);
        assertNothingChanges(() -> {
            assertForbidden(asAuditor.post("/api/slots/" + freeSlot + "/book", BOOK));
            assertForbidden(asAuditor.post("/api/slots/" + bookedSlot + "/cancel", null));
            assertForbidden(asAuditor.post("/api/doctors/" + doctor.accountId() + "/slots",
                    slotJson(start, start.plus(Duration.ofMinutes(30)))));
        });
    }

    @Test
    void refusesADoctorOpeningASlotInAnotherDoctorsCalendar() {
        Instant start = tomorrowAt(17);

        assertNothingChanges(() -> assertForbidden(asOtherDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(30))))));
    }

    @Test
    void refusesADoctorCancellingABookingInAnotherDoctorsSlot() {
        assertNothingChanges(() -> assertProblem(asOtherDoctor.post("/api/slots/" + bookedSlot + "/cancel",
                "{\"reason\":\"not mine\"}"), 403, "not-your-booking"));
    }

    @Test
    void refusesAPatientCancellingAnotherPatientsBooking() {
        assertNothingChanges(() -> assertProblem(asOtherPatient.post("/api/slots/" + bookedSlot + "/cancel", null),
                403, "not-your-booking"));
    }

    @Test
    void refusesABookingByAPatientWhoHasNotVerifiedTheirEmail() {
        HttpJson asUnverified = api.as(accounts.unverifiedPatient().accessToken());

        assertNothingChanges(() -> assertProblem(asUnverified.post("/api/slots/" + freeSlot + "/book", BOOK),
                403, "account-not-verified"));
    }

    // --- Fields a client may not set ---

    @Test
    void aBookingNamingAnotherPatientBooksForTheCaller() throws IOException {
        HttpJson.Response booked = asPatient.post("/api/slots/" + freeSlot + "/book",
                "{\"patientId\":\"" + otherPatient.accountId() + "\"}");

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patient.accountId().toString());
        JsonNode slot = awaitSlot(freeSlot, "BOOKED");
        assertThat(slot.get("patientId").asText()).isEqualTo(patient.accountId().toString());
        assertThat(asOtherPatient.get("/api/slots/" + freeSlot).json().has("patientId"))
                .as("the other patient is no party to the booking").isFalse();
        assertThat(payloadsOf(freeSlot).get(1).get("patientId").asText()).isEqualTo(patient.accountId().toString());
    }

    @Test
    void aSignUpClaimingTheAdminRoleYieldsAnUnverifiedPatient() {
        String email = newEmail();
        UUID chosenId = UUID.randomUUID();

        HttpJson.Response registered = api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\""
                + TestAccounts.PASSWORD + "\",\"fullName\":\"Mallory\",\"role\":\"ADMIN\",\"verified\":true,"
                + "\"status\":\"ACTIVE\",\"accountId\":\"" + chosenId + "\"}");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("role").asText()).isEqualTo("PATIENT");
        TestAccounts.Session mallory = accounts.login(email, TestAccounts.PASSWORD);
        assertThat(mallory.accountId()).isNotEqualTo(chosenId);
        JsonNode me = api.as(mallory.accessToken()).get("/api/auth/me").json();
        assertThat(me.get("role").asText()).isEqualTo("PATIENT");
        assertThat(me.get("verified").asBoolean()).isFalse();
        assertForbidden(api.as(mallory.accessToken()).post("/api/admin/auditors", "{\"email\":\"" + newEmail() + "\"}"));
    }

    @Test
    void aDoctorsApplicationClaimingToBeActiveStaysPending() {
        String email = newEmail();
        HttpJson.Response applied = api.post("/api/auth/register-doctor", "{\"email\":\"" + email + "\",\"password\":\""
                + TestAccounts.PASSWORD + "\",\"fullName\":\"Dr. Eager\",\"specialization\":\"Surgery\","
                + "\"timeZone\":\"Europe/Berlin\",\"status\":\"ACTIVE\",\"role\":\"ADMIN\",\"verified\":true}");

        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().get("status").asText()).isEqualTo("PENDING");
        assertProblem(api.post("/api/auth/login", credentials(email, TestAccounts.PASSWORD)), 403, "account-pending");
    }

    @Test
    void aProfilePatchCannotRetargetAnotherDoctorOrRaiseTheRole() throws IOException {
        long before = events();
        long otherDoctorsEvents = eventsOf(otherDoctor.accountId().toString());

        HttpJson.Response patched = asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"doctorId\":\""
                + otherDoctor.accountId() + "\",\"role\":\"ADMIN\",\"status\":\"ACTIVE\",\"bio\":\"Sees children\"}");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("bio").asText()).isEqualTo("Sees children");
        assertThat(events()).isEqualTo(before + 1);
        assertThat(eventsOf(otherDoctor.accountId().toString())).isEqualTo(otherDoctorsEvents);
        List<JsonNode> doctorsEvents = payloadsOf(doctor.accountId().toString());
        JsonNode update = doctorsEvents.get(doctorsEvents.size() - 1);
        assertThat(update.get("doctorId").asText()).isEqualTo(doctor.accountId().toString());
        assertThat(asDoctor.get("/api/auth/me").json().get("role").asText()).isEqualTo("DOCTOR");
        TestAccounts.Session again = accounts.login(doctor.email(), TestAccounts.PASSWORD);
        assertForbidden(api.as(again.accessToken()).get("/api/audit/events"));
    }

    // --- Refresh tokens ---

    @Test
    void aSpentRefreshTokenRevokesItsWholeFamily() {
        TestAccounts.Session session = accounts.login(patient.email(), TestAccounts.PASSWORD);
        HttpJson.Response rotated = refresh(session.refreshToken());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String successor = rotated.json().get("refreshToken").asText();
        assertThat(successor).isNotEqualTo(session.refreshToken());
        assertThat(rotated.json().get("accessToken").asText()).isNotBlank();

        assertNothingChanges(() -> {
            assertProblem(refresh(session.refreshToken()), 401, "invalid-refresh-token");
            assertProblem(refresh(successor), 401, "invalid-refresh-token");
        });
        assertThat(refresh(patient.refreshToken()).status()).as("another sign-in's family").isEqualTo(200);
    }

    @Test
    void aSignedOutRefreshTokenIsRefused() {
        TestAccounts.Session session = accounts.login(patient.email(), TestAccounts.PASSWORD);

        assertThat(api.post("/api/auth/logout", refreshJson(session.refreshToken())).status()).isEqualTo(204);

        assertNothingChanges(() -> assertProblem(refresh(session.refreshToken()), 401, "invalid-refresh-token"));
    }

    // --- Helpers ---

    record Attempt(String name, Function<HttpJson, HttpJson.Response> send) {
    }

    /** One of each kind of protected request, each one that would succeed for an admin or the right account. */
    private List<Attempt> protectedRequests() {
        Instant start = tomorrowAt(14);
        return List.of(
                new Attempt("open a slot", caller -> caller.post("/api/doctors/" + doctor.accountId() + "/slots",
                        slotJson(start, start.plus(Duration.ofMinutes(30))))),
                new Attempt("book", caller -> caller.post("/api/slots/" + freeSlot + "/book", BOOK)),
                new Attempt("cancel", caller -> caller.post("/api/slots/" + bookedSlot + "/cancel",
                        "{\"reason\":\"attack\"}")),
                new Attempt("update a doctor", caller -> caller.patch("/api/doctors/" + doctor.accountId(),
                        "{\"bio\":\"Attacked\"}")),
                new Attempt("onboard a doctor", caller -> caller.post("/api/admin/doctors", onboardJson(newEmail()))),
                new Attempt("create an auditor", caller -> caller.post("/api/admin/auditors",
                        "{\"email\":\"" + newEmail() + "\"}")),
                new Attempt("read the audit trail", caller -> caller.get("/api/audit/events")),
                new Attempt("read one's account", caller -> caller.get("/api/auth/me")));
    }

    private void assertEveryProtectedRequestRefused(HttpJson caller, String code) {
        assertNothingChanges(() -> {
            for (Attempt attempt : protectedRequests()) {
                HttpJson.Response answer = attempt.send().apply(caller);
                assertThat(answer.status()).as(attempt.name() + ": " + answer).isEqualTo(401);
                assertProblem(answer, 401, code);
                assertThat(answer.header("WWW-Authenticate")).as(attempt.name()).isEqualTo("Bearer");
            }
        });
    }

    /**
     * Runs refused requests and shows they changed nothing: no event was appended, and so the slots read back as
     * before (with no new event there is nothing for the read model to catch up on).
     */
    private void assertNothingChanges(Runnable refusedRequests) {
        JsonNode free = asAdmin.get("/api/slots/" + freeSlot).json();
        JsonNode booked = asAdmin.get("/api/slots/" + bookedSlot).json();
        long before = events();

        refusedRequests.run();

        assertThat(events()).as("events appended by refused requests").isEqualTo(before);
        assertThat(asAdmin.get("/api/slots/" + freeSlot).json()).isEqualTo(free);
        assertThat(asAdmin.get("/api/slots/" + bookedSlot).json()).isEqualTo(booked);
    }

    private static void assertForbidden(HttpJson.Response response) {
        assertProblem(response, 403, "forbidden");
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry", Long.class);
    }

    private long eventsOf(String aggregateId) {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private List<JsonNode> payloadsOf(String aggregateId) throws IOException {
        List<JsonNode> payloads = new ArrayList<>();
        for (byte[] payload : jdbc.queryForList("""
                        select payload from event_store.domain_event_entry
                        where aggregate_identifier = ? order by sequence_number""", byte[].class, aggregateId)) {
            payloads.add(JSON.readTree(payload));
        }
        return payloads;
    }

    private PrivateKey serverKey() {
        return signingKeys.privateKey().orElseThrow();
    }

    private TestAccounts.Session auditor() {
        String email = newEmail();
        assertThat(asAdmin.post("/api/admin/auditors", "{\"email\":\"" + email + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    private UUID applyAsDoctor(String email) {
        HttpJson.Response applied = api.post("/api/auth/register-doctor", "{\"email\":\"" + email
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\",\"fullName\":\"Dr. Applicant\","
                + "\"specialization\":\"Dermatology\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        return UUID.fromString(applied.json().get("doctorId").asText());
    }

    private HttpJson.Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", refreshJson(refreshToken));
    }

    private JsonNode awaitSlot(String slotId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get("/api/slots/" + slotId),
                response -> response.status() == 200 && status.equals(response.json().get("status").asText()))
                .json();
    }

    private static String refreshJson(String refreshToken) {
        return "{\"refreshToken\":\"" + refreshToken + "\"}";
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String onboardJson(String email) {
        return "{\"email\":\"" + email + "\",\"fullName\":\"Dr. Nobody\",\"specialization\":\"Cardiology\","
                + "\"timeZone\":\"Europe/Berlin\"}";
    }

    private static String newEmail() {
        return "someone-" + UUID.randomUUID() + "@example.test";
    }
}
