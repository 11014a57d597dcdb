package com.careslot;

import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How doctors and auditors come in: onboarded or created by an admin and invited by mail to set a password, or (for
 * doctors) applying and waiting for an admin's decision; and who may change a doctor's profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoctorAdmissionTest {

    static final String PASSWORD = TestAccounts.PASSWORD;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    HttpJson asAdmin;
    TestAccounts accounts;

    @BeforeEach
    void signInAsAdmin() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void anOnboardedDoctorSetsAPasswordWithTheMailedInvitationAndOpensSlots() {
        String email = newEmail("doctor");

        HttpJson.Response onboarded = asAdmin.post("/api/admin/doctors", profileJson(email, "Europe/Berlin"));

        assertThat(onboarded.status()).as(onboarded.toString()).isEqualTo(201);
        String doctorId = onboarded.json().get("doctorId").asText();
        assertThat(UUID.fromString(doctorId)).isNotNull();
        assertThat(onboarded.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(onboarded.header("Location")).isEqualTo("/api/doctors/" + doctorId);
        assertProblem(login(email, PASSWORD), 401, "invalid-credentials");

        String token = accounts.inviteFor(email);
        assertInvalid(acceptInvite(token, "short"), "password");
        assertInvalid(acceptInvite(token, email.toUpperCase()), "password");
        assertThat(acceptInvite(token, PASSWORD).status()).isEqualTo(204);
        assertInvalid(acceptInvite(token, "another good password"), "token");

        HttpJson.Response signedIn = login(email, PASSWORD);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(signedIn.json().get("role").asText()).isEqualTo("DOCTOR");
        HttpJson asDoctor = api.as(signedIn.json().get("accessToken").asText());
        JsonNode me = asDoctor.get("/api/auth/me").json();
        assertThat(me.get("accountId").asText()).isEqualTo(doctorId);
        assertThat(me.get("verified").asBoolean()).isTrue();
        HttpJson.Response slot = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(Calendar.tomorrowAt(9), Calendar.tomorrowAt(10)));
        assertThat(slot.status()).as(slot.toString()).isEqualTo(201);
        assertThat(slot.json().get("doctorId").asText()).isEqualTo(doctorId);
    }

    @Test
    void anApplicantSignsInOnlyOnceAnAdminApproves() {
        String email = newEmail("applicant");

        HttpJson.Response applied = apply(email);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().get("status").asText()).isEqualTo("PENDING");
        String doctorId = applied.json().get("doctorId").asText();
        assertProblem(login(email, PASSWORD), 403, "account-pending");

        HttpJson.Response approved = asAdmin.post("/api/admin/doctors/" + doctorId + "/approve", null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("ACTIVE");

        HttpJson.Response signedIn = login(email, PASSWORD);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(signedIn.json().get("role").asText()).isEqualTo("DOCTOR");
        openSlot(api.as(signedIn.json().get("accessToken").asText()), UUID.fromString(doctorId), 11);

        assertProblem(asAdmin.post("/api/admin/doctors/" + doctorId + "/approve", null), 409, "doctor-not-pending");
    }

    @Test
    void aRejectedApplicantCannotSignIn() {
        String email = newEmail("applicant");
        String doctorId = apply(email).json().get("doctorId").asText();

        assertInvalid(asAdmin.post("/api/admin/doctors/" + doctorId + "/reject", "{}"), "reason");
        HttpJson.Response rejected = asAdmin.post("/api/admin/doctors/" + doctorId + "/reject",
                "{\"reason\":\"No licence number on file.\"}");

        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        assertProblem(login(email, PASSWORD), 403, "account-rejected");
        assertProblem(asAdmin.post("/api/admin/doctors/" + doctorId + "/approve", null), 409, "doctor-not-pending");
        assertProblem(login(email, PASSWORD), 403, "account-rejected");
    }

    @Test
    void concurrentDecisionsOnOneApplicationLeaveOneOutcomeInTheEventsAndTheAccount() throws Exception {
        String email = newEmail("applicant");
        String doctorId = apply(email).json().get("doctorId").asText();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<HttpJson.Response> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpJson.Response>> pending = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean approve = i % 2 == 0;
                pending.add(threads.submit(() -> {
                    go.await();
                    return approve ? asAdmin.post("/api/admin/doctors/" + doctorId + "/approve", null)
                            : asAdmin.post("/api/admin/doctors/" + doctorId + "/reject", "{\"reason\":\"No.\"}");
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        List<HttpJson.Response> decided = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(decided).as(answers.toString()).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertProblem(r, 409, "doctor-not-pending"));
        String outcome = decided.get(0).json().get("status").asText();
        assertThat(jdbc.queryForList("""
                select payload_type from event_store.domain_event_entry where aggregate_identifier = ?
                order by sequence_number""", String.class, doctorId))
                .containsExactly("com.careslot.api.doctor.DoctorApplied", "ACTIVE".equals(outcome)
                        ? "com.careslot.api.doctor.DoctorApproved" : "com.careslot.api.doctor.DoctorRejected");
        if ("ACTIVE".equals(outcome)) {
            assertThat(login(email, PASSWORD).status()).isEqualTo(200);
        } else {
            assertProblem(login(email, PASSWORD), 403, "account-rejected");
        }
    }

    @Test
    void onlyAdminsDecideOnApplications() {
        String doctorId = apply(newEmail("applicant")).json().get("doctorId").asText();
        HttpJson asDoctor = api.as(accounts.doctor().accessToken());

        assertProblem(asDoctor.post("/api/admin/doctors/" + doctorId + "/approve", null), 403, "forbidden");
        assertProblem(api.post("/api/admin/doctors/" + doctorId + "/approve", null), 401, "unauthenticated");
        assertProblem(asDoctor.post("/api/admin/doctors", profileJson(newEmail("doctor"), "UTC")), 403,
                "forbidden");
    }

    @Test
    void theDoctorOrAnAdminChangesTheProfileAndGetsItWhole() {
        String email = newEmail("doctor");
        String doctorId = asAdmin.post("/api/admin/doctors", profileJson(email, "Europe/Berlin"))
                .json().get("doctorId").asText();
        acceptInvite(accounts.inviteFor(email), PASSWORD);
        HttpJson asDoctor = api.as(accounts.login(email, PASSWORD).accessToken());

        HttpJson.Response byDoctor = asDoctor.patch("/api/doctors/" + doctorId, "{\"bio\":\"Sees children too.\"}");

        assertThat(byDoctor.status()).as(byDoctor.toString()).isEqualTo(200);
        JsonNode profile = byDoctor.json();
        assertThat(profile.get("fullName").asText()).isEqualTo("Dr. Ada Admit");
        assertThat(profile.get("specialization").asText()).isEqualTo("Cardiology");
        assertThat(profile.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(profile.get("qualifications").size()).isEqualTo(1);
        assertThat(profile.get("qualifications").get(0).asText()).isEqualTo("MD");
        assertThat(profile.get("yearsOfExperience").asInt()).isEqualTo(12);
        assertThat(profile.get("fee").decimalValue()).isEqualByComparingTo("80.50");
        assertThat(profile.get("bio").asText()).isEqualTo("Sees children too.");

        HttpJson.Response byAdmin = asAdmin.patch("/api/doctors/" + doctorId,
                "{\"specialization\":\"Paediatric cardiology\",\"fee\":95}");
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.json().get("specialization").asText()).isEqualTo("Paediatric cardiology");
        assertThat(byAdmin.json().get("fee").decimalValue()).isEqualByComparingTo("95");
        assertThat(byAdmin.json().get("bio").asText()).isEqualTo("Sees children too.");
        assertThat(byAdmin.json().get("fullName").asText()).isEqualTo("Dr. Ada Admit");

        HttpJson asOtherDoctor = api.as(accounts.doctor().accessToken());
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        assertProblem(asOtherDoctor.patch("/api/doctors/" + doctorId, "{\"bio\":\"Not mine to write.\"}"), 403,
                "forbidden");
        assertProblem(asPatient.patch("/api/doctors/" + doctorId, "{\"bio\":\"Not mine to write.\"}"), 403,
                "forbidden");
        assertProblem(api.patch("/api/doctors/" + doctorId, "{\"bio\":\"Not mine to write.\"}"), 401,
                "unauthenticated");
        assertInvalid(asDoctor.patch("/api/doctors/" + doctorId, "{\"timeZone\":\"+02:00\"}"), "timeZone");
        assertThat(asAdmin.patch("/api/doctors/" + doctorId, "{\"fullName\":\"Dr. Ada Admit\"}").json()
                .get("bio").asText()).as("nothing changed by others").isEqualTo("Sees children too.");
    }

    @Test
    void anOnboardingWithAnUnknownTimeZoneCreatesNothing() {
        String email = newEmail("doctor");
        long events = eventCount();

        assertInvalid(asAdmin.post("/api/admin/doctors", profileJson(email, "Mars/Olympus_Mons")), "timeZone");

        assertThat(accountRows(email)).isZero();
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(login(email, PASSWORD), 401, "invalid-credentials");
    }

    @Test
    void anOnboardingWithATakenEmailIsAConflictAndRecordsNoDoctor() {
        String patientEmail = accounts.patient().email();
        long events = eventCount();

        HttpJson.Response onboarded = asAdmin.post("/api/admin/doctors", profileJson(patientEmail.toUpperCase(),
                "UTC"));

        assertProblem(onboarded, 409, "email-taken");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(doctorEventsNaming(patientEmail)).isZero();
        assertThat(jdbc.queryForObject("select role from command_side.account where email = ?", String.class,
                patientEmail)).isEqualTo("PATIENT");
    }

    @Test
    void anApplicationWithATakenEmailIsAConflictAndRecordsNoDoctor() {
        String patientEmail = accounts.patient().email();
        long events = eventCount();

        assertProblem(apply(patientEmail), 409, "email-taken");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(doctorEventsNaming(patientEmail)).isZero();
    }

    @Test
    void anAdminCreatesAnAuditorWhoReadsTheAuditTrail() {
        String email = newEmail("auditor");

        HttpJson.Response created = asAdmin.post("/api/admin/auditors", "{\"email\":\"" + email + "\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo("AUDITOR");
        assertThat(acceptInvite(accounts.inviteFor(email), PASSWORD).status()).isEqualTo(204);
        HttpJson.Response signedIn = login(email, PASSWORD);
        assertThat(signedIn.json().get("role").asText()).isEqualTo("AUDITOR");
        HttpJson asAuditor = api.as(signedIn.json().get("accessToken").asText());
        HttpJson.Response trail = asAuditor.get("/api/audit/events");
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        assertThat(trail.json().has("items")).isTrue();

        assertProblem(asAuditor.post("/api/admin/auditors", "{\"email\":\"" + newEmail("auditor") + "\"}"), 403,
                "forbidden");
        assertProblem(asAdmin.post("/api/admin/auditors", "{\"email\":\"" + email + "\"}"), 409, "email-taken");
        assertProblem(api.as(accounts.patient().accessToken()).get("/api/audit/events"), 403, "forbidden");
    }

    private HttpJson.Response apply(String email) {
        return api.post("/api/auth/register-doctor", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"fullName\":\"Dr. Appli Cant\",\"specialization\":\"Dermatology\","
                + "\"timeZone\":\"Europe/Vienna\"}");
    }

    private HttpJson.Response acceptInvite(String token, String password) {
        return api.post("/api/auth/accept-invite", "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
    }

    private HttpJson.Response login(String email, String password) {
        return api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry", Long.class);
    }

    private int accountRows(String email) {
        return jdbc.queryForObject("select count(*) from command_side.account where email = lower(?)",
                Integer.class, email);
    }

    private int doctorEventsNaming(String email) {
        return jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type in ('com.careslot.api.doctor.DoctorOnboarded', 'com.careslot.api.doctor.DoctorApplied')
                  and aggregate_identifier in (select account_id::text from command_side.account where email = lower(?))
                """, Integer.class, email); // the email itself is encrypted in the event (docs/PRIVACY.md)
    }

    private static String profileJson(String email, String timeZone) {
        return "{\"email\":\"" + email + "\",\"fullName\":\"Dr. Ada Admit\",\"specialization\":\"Cardiology\","
                + "\"timeZone\":\"" + timeZone + "\",\"qualifications\":[\"MD\"],\"yearsOfExperience\":12,"
                + "\"fee\":80.50}";
    }

    private static String newEmail(String kind) {
        return kind + "-" + UUID.randomUUID() + "@example.test";
    }
}
