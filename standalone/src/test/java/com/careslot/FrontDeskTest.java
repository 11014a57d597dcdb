package com.careslot;

import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The front desk over real HTTP (issue 19, point 5): an admin creates a receptionist, who finds patients by name,
 * email or phone and books, reschedules and cancels for them; the audit trail names the receptionist and the patient
 * is mailed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontDeskTest {

    @LocalServerPort
    int port;
    HttpJson api;
    TestAccounts accounts;
    HttpJson asAdmin;
    Mailbox mailbox;

    @BeforeEach
    void system() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        mailbox = new Mailbox(api);
    }

    /** A receptionist as an admin creates one: invited by mail, password set with the invitation. */
    static TestAccounts.Session receptionist(HttpJson api, TestAccounts accounts, HttpJson asAdmin) {
        String email = "desk-" + UUID.randomUUID() + "@example.test";
        HttpJson.Response created = asAdmin.post("/api/admin/receptionists", "{\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo("RECEPTIONIST");
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    /** A verified patient with a unique name and a phone number, signed in. */
    private TestAccounts.Session patient(String fullName, String phone) {
        String email = "desk-patient-" + UUID.randomUUID() + "@example.test";
        assertThat(api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD
                + "\",\"fullName\":\"" + fullName + "\",\"phone\":\"" + phone + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/auth/verify", "{\"email\":\"" + email + "\",\"code\":\""
                + accounts.codeFor(email) + "\"}").status()).isEqualTo(200);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    @Test
    void onlyAnAdminCreatesAReceptionist() {
        TestAccounts.Session patient = accounts.patient();
        assertProblem(api.as(patient.accessToken()).post("/api/admin/receptionists",
                "{\"email\":\"nope-" + UUID.randomUUID() + "@example.test\"}"), 403, "forbidden");
        TestAccounts.Session desk = receptionist(api, accounts, asAdmin);
        assertThat(api.as(desk.accessToken()).get("/api/auth/me").json().get("role").asText()).isEqualTo("RECEPTIONIST");
    }

    @Test
    void findsAPatientByNameEmailOrPhoneAndNobodyElseMay() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String digits = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 90_000_000L + 10_000_000L);
        TestAccounts.Session patient = patient("Maya " + tag + " Chen", "+49 (30) " + digits);
        HttpJson asDesk = api.as(receptionist(api, accounts, asAdmin).accessToken());

        for (String q : new String[] {tag.toUpperCase(), patient.email(), digits.substring(1, 7)}) {
            JsonNode found = await().atMost(Duration.ofSeconds(10))
                    .until(() -> asDesk.get("/api/front-desk/patients?q=" + java.net.URLEncoder.encode(q,
                            java.nio.charset.StandardCharsets.UTF_8)).json(), page -> page.get("totalItems").asInt() > 0);
            assertThat(found.get("items").findValuesAsText("patientId")).as("found by " + q)
                    .containsExactly(patient.accountId().toString());
            assertThat(found.get("items").get(0).get("fullName").asText()).isEqualTo("Maya " + tag + " Chen");
            assertThat(found.get("items").get(0).get("phone").asText()).endsWith(digits);
        }
        Instant searched = Instant.now(); // the admin's reads of the log below come after it
        JsonNode accesses = await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get("/api/audit/access?patientId="
                + patient.accountId() + "&to=" + searched).json().path("items"), items -> items.size() >= 3);
        assertThat(accesses.findValuesAsText("resource")).as("the searches are in the access log")
                .containsOnly("front-desk-search");
        assertThat(accesses.findValuesAsText("role")).containsOnly("RECEPTIONIST");
        assertThat(accesses.findValuesAsText("path")).as("the searched text is not").containsOnly("/api/front-desk/patients");
        assertInvalid(asDesk.get("/api/front-desk/patients?q=x"), "q");
        assertProblem(api.as(patient.accessToken()).get("/api/front-desk/patients?q=" + tag), 403, "forbidden");
        assertProblem(api.as(accounts.doctor().accessToken()).get("/api/front-desk/patients/" + patient.accountId()),
                403, "forbidden");
    }

    @Test
    void aReceptionistBooksMovesAndCancelsForAPatientWhoIsMailedAndTheTrailNamesTheReceptionist() {
        TestAccounts.Session doctor = accounts.doctor("Cardiology");
        HttpJson asDoctor = api.as(doctor.accessToken());
        String first = openSlot(asDoctor, doctor.accountId(), 8);
        String second = openSlot(asDoctor, doctor.accountId(), 9);
        TestAccounts.Session patient = patient("Front Desk Patient", "+1 555 0100");
        TestAccounts.Session desk = receptionist(api, accounts, asAdmin);
        HttpJson asDesk = api.as(desk.accessToken());

        assertInvalid(asDesk.post("/api/slots/" + first + "/book", "{}"), "patientId");
        assertProblem(asDesk.post("/api/slots/" + first + "/book", "{\"patientId\":\"" + UUID.randomUUID() + "\"}"),
                404, "not-found");
        assertProblem(asDesk.post("/api/slots/" + first + "/book", "{\"patientId\":\"" + doctor.accountId() + "\"}"),
                404, "not-found");
        HttpJson.Response booked = asDesk.post("/api/slots/" + first + "/book",
                "{\"patientId\":\"" + patient.accountId() + "\"}");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patient.accountId().toString());
        String appointmentId = booked.json().get("appointmentId").asText();
        mailbox.awaitOne(patient.email(), "Appointment confirmed");

        JsonNode upcoming = asDesk.after(booked).get("/api/front-desk/patients/" + patient.accountId()
                + "/appointments?scope=upcoming").json();
        assertThat(upcoming.get("items").findValuesAsText("appointmentId")).containsExactly(appointmentId);
        assertThat(asDesk.after(booked).get("/api/appointments/" + appointmentId).status()).isEqualTo(200);

        HttpJson.Response moved = asDesk.post("/api/slots/" + first + "/reschedule", "{\"toSlotId\":\"" + second + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("appointmentId").asText()).isEqualTo(appointmentId);
        HttpJson.Response cancelled = asDesk.post("/api/slots/" + second + "/cancel", "{\"reason\":\"patient phoned\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        mailbox.awaitOne(patient.email(), "Appointment cancelled");

        HttpJson asAuditor = api.as(accounts.admin().accessToken());
        JsonNode trail = await().atMost(Duration.ofSeconds(15)).until(
                () -> asAuditor.get("/api/audit/events?actor=" + desk.accountId()).json().path("items"),
                items -> items.size() >= 4);
        assertThat(trail.findValuesAsText("type")).contains("SlotBooked", "BookingMovedOut", "BookingMovedIn",
                "BookingCancelled");
        for (JsonNode entry : trail) {
            assertThat(entry.get("actor").get("role").asText()).isEqualTo("RECEPTIONIST");
        }
    }
}
