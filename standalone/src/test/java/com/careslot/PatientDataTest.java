package com.careslot;

import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * Issue 22, points 3 and 5, as a patient, a doctor, an admin and an auditor check them over real HTTP: a patient's
 * export holds their appointments with the doctor's name and the mails sent; reads of the patient's data by others
 * are in the auditors' access log and in the patient's export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PatientDataTest {

    @LocalServerPort
    int port;
    HttpJson api;
    TestAccounts accounts;
    Mailbox mailbox;

    @BeforeEach
    void system() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        mailbox = new Mailbox(api);
    }

    @Test
    void aPatientDownloadsTheirAppointmentsWithTheirDoctorAndTheMailsTheyWereSent() {
        String doctorName = "Dr. Export " + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.Session doctor = doctor(doctorName);
        HttpJson asDoctor = api.as(doctor.accessToken());
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(3));
        String kept = openSlot(asDoctor, doctor.accountId(), start);
        String cancelled = openSlot(asDoctor, doctor.accountId(), start.plus(Duration.ofHours(1)));
        TestAccounts.Session patient = accounts.patient();
        HttpJson asPatient = api.as(patient.accessToken());

        HttpJson.Response first = asPatient.post("/api/slots/" + kept + "/book", Calendar.BOOK);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        HttpJson.Response second = asPatient.post("/api/slots/" + cancelled + "/book", Calendar.BOOK);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        HttpJson.Response cancel = asPatient.post("/api/slots/" + cancelled + "/cancel", "{\"reason\":\"a conflict\"}");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.mails(patient.email(), "Appointment confirmed").size() == 2);
        mailbox.awaitOne(patient.email(), "Appointment cancelled");

        HttpJson.Response download = await().atMost(Duration.ofSeconds(20)).until(
                () -> asPatient.after(cancel).get("/api/patients/me/export"),
                answer -> answer.status() == 200 && answer.json().path("notifications").size() >= 3
                        && answer.json().path("appointments").size() == 2);
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        assertThat(download.contentType()).startsWith("application/json");
        JsonNode export = download.json();
        assertThat(export.path("account").path("email").asText()).isEqualTo(patient.email());
        assertThat(export.path("account").path("fullName").asText()).isEqualTo("Pat Ient");
        assertThat(export.path("account").path("emailConfirmed").asBoolean()).isTrue();

        JsonNode booked = appointment(export, first.json().get("appointmentId").asText());
        assertThat(booked.path("doctorName").asText()).isEqualTo(doctorName);
        assertThat(booked.path("status").asText()).isEqualTo("booked");
        assertThat(Instant.parse(booked.path("start").asText())).isEqualTo(start);
        JsonNode gone = appointment(export, second.json().get("appointmentId").asText());
        assertThat(gone.path("doctorName").asText()).isEqualTo(doctorName);
        assertThat(gone.path("status").asText()).isEqualTo("cancelled");
        assertThat(gone.path("cancellationReason").asText()).isEqualTo("a conflict");
        assertThat(gone.path("cancelledBy").asText()).isEqualTo("PATIENT");

        assertThat(export.path("notifications").findValuesAsText("subject"))
                .anyMatch(subject -> subject.startsWith("Appointment confirmed"))
                .anyMatch(subject -> subject.startsWith("Appointment cancelled"));
        assertThat(export.path("auditEntries").findValuesAsText("type"))
                .contains("PatientRegistered", "SlotBooked", "BookingCancelled");
        assertThat(export.path("accessLog")).as("a patient's own reads are no access to log").isEmpty();

        assertProblem(api.as(doctor.accessToken()).get("/api/patients/me/export"), 403, "forbidden");
        assertProblem(api.get("/api/patients/me/export"), 401, "unauthenticated");
    }

    @Test
    void aDoctorsDayAnAdminsExportAndAnAuditorsReadingAreInTheAccessLogAndInThePatientsExport() {
        TestAccounts.Session doctor = doctor("Dr. Access " + UUID.randomUUID().toString().substring(0, 8));
        HttpJson asDoctor = api.as(doctor.accessToken());
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2));
        String slot = openSlot(asDoctor, doctor.accountId(), start);
        TestAccounts.Session patient = accounts.patient();
        HttpJson asPatient = api.as(patient.accessToken());
        HttpJson.Response booked = asPatient.post("/api/slots/" + slot + "/book", Calendar.BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        Instant before = Instant.now().minusSeconds(1);

        HttpJson.Response day = asDoctor.after(booked).get("/api/doctors/me/appointments?from="
                + start.minus(Duration.ofHours(1)) + "&to=" + start.plus(Duration.ofHours(1)));
        assertThat(day.json().path("items").findValuesAsText("patientId")).contains(patient.accountId().toString());
        TestAccounts.Session admin = accounts.admin();
        HttpJson.Response adminExport = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.as(admin.accessToken()).after(booked).get("/api/admin/patients/" + patient.accountId()
                        + "/export"),
                answer -> answer.status() == 200 && answer.json().path("appointments").size() == 1);
        assertThat(adminExport.header("Content-Disposition")).startsWith("attachment");
        TestAccounts.Session auditor = AuditTrailTest.auditor(api, accounts);
        HttpJson asAuditor = api.as(auditor.accessToken());
        HttpJson.Response entries = asAuditor.get("/api/audit/events?aggregateId=" + patient.accountId());
        assertThat(entries.json().path("items").findValuesAsText("type")).contains("PatientRegistered");

        JsonNode log = await().atMost(Duration.ofSeconds(20)).until(() -> asAuditor.get("/api/audit/access?patientId="
                        + patient.accountId() + "&from=" + before).json().path("items"),
                items -> resources(items).containsAll(List.of("doctor-appointments", "patient-export",
                        "audit-entries")));
        assertAccess(log, "doctor-appointments", doctor.accountId(), "DOCTOR", "/api/doctors/me/appointments");
        assertAccess(log, "patient-export", admin.accountId(), "ADMIN",
                "/api/admin/patients/" + patient.accountId() + "/export");
        assertAccess(log, "audit-entries", auditor.accountId(), "AUDITOR", "/api/audit/events");
        for (JsonNode access : log) {
            assertThat(access.path("patientIds").toString()).contains(patient.accountId().toString());
            assertThat(Instant.parse(access.path("accessedAt").asText())).isAfter(before);
        }

        JsonNode mine = await().atMost(Duration.ofSeconds(20)).until(
                () -> asPatient.get("/api/patients/me/export").json(),
                export -> resources(export.path("accessLog")).containsAll(List.of("doctor-appointments",
                        "patient-export", "audit-entries", "access-log")));
        assertAccess(mine.path("accessLog"), "patient-export", admin.accountId(), "ADMIN",
                "/api/admin/patients/" + patient.accountId() + "/export");
        assertAccess(mine.path("accessLog"), "access-log", auditor.accountId(), "AUDITOR", "/api/audit/access");
    }

    @Test
    void theAccessLogAndTheExportsRefuseWhatTheyMust() {
        TestAccounts.Session patient = accounts.patient();
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        assertInvalid(asAdmin.get("/api/audit/access?patientId=not-an-id"), "patientId");
        assertInvalid(asAdmin.get("/api/audit/access?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), "to");
        assertInvalid(asAdmin.get("/api/audit/access?size=501"), "size");
        assertProblem(api.as(patient.accessToken()).get("/api/audit/access?patientId=" + patient.accountId()), 403,
                "forbidden");
        assertProblem(api.as(accounts.doctor().accessToken()).get("/api/admin/patients/" + patient.accountId()
                + "/export"), 403, "forbidden");
        assertProblem(asAdmin.get("/api/admin/patients/" + UUID.randomUUID() + "/export"), 404, "not-found");
        assertInvalid(asAdmin.get("/api/admin/patients/nope/export"), "patientId");
    }

    private TestAccounts.Session doctor(String fullName) {
        String email = "doctor-" + UUID.randomUUID() + "@example.test";
        HttpJson.Response onboarded = api.as(accounts.admin().accessToken()).post("/api/admin/doctors",
                "{\"email\":\"" + email + "\",\"fullName\":\"" + fullName
                        + "\",\"specialization\":\"Dermatology\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(onboarded.status()).as(onboarded.toString()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    private static String openSlot(HttpJson asDoctor, UUID doctorId, Instant start) {
        HttpJson.Response created = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                Calendar.slotJson(start, start.plus(Duration.ofMinutes(30))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private static JsonNode appointment(JsonNode export, String appointmentId) {
        for (JsonNode appointment : export.path("appointments")) {
            if (appointment.path("appointmentId").asText().equals(appointmentId)) {
                return appointment;
            }
        }
        throw new AssertionError("No appointment " + appointmentId + " in " + export.path("appointments"));
    }

    private static List<String> resources(JsonNode accesses) {
        List<String> resources = new ArrayList<>();
        accesses.forEach(access -> resources.add(access.path("resource").asText()));
        return resources;
    }

    private static void assertAccess(JsonNode accesses, String resource, UUID accessor, String role, String path) {
        for (JsonNode access : accesses) {
            if (access.path("resource").asText().equals(resource)) {
                assertThat(access.path("accessor").path("accountId").asText()).isEqualTo(accessor.toString());
                assertThat(access.path("accessor").path("role").asText()).isEqualTo(role);
                assertThat(access.path("path").asText()).isEqualTo(path);
                assertThat(access.path("accessedAt").asText()).isNotBlank();
                return;
            }
        }
        throw new AssertionError("No " + resource + " access in " + accesses);
    }
}
