package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.Calendar.tomorrowAt;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** Patients, doctors and admins read appointments: each their own, with the names and ids a client needs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppointmentReadTest {

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asAdmin;
    HttpJson asDoctor;
    HttpJson asPatient;
    TestAccounts accounts;
    People people;
    String specialization;
    UUID doctorId;
    UUID patientId;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        people = new People(api, accounts, asAdmin);
        specialization = People.uniqueSpecialization("Appointments");
        TestAccounts.Session doctor = people.signedInDoctor("Dr. Olivia Reader", specialization);
        doctorId = doctor.accountId();
        asDoctor = api.as(doctor.accessToken());
        TestAccounts.Session patient = people.patient("Paula Patient");
        patientId = patient.accountId();
        asPatient = api.as(patient.accessToken());
    }

    @Test
    void aPatientSeesUpcomingAndPastAppointmentsWithTheDoctorAndTheSlot() {
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String shortSlot = asDoctor.post("/api/doctors/" + doctorId + "/slots", slotJson(soon, soon.plusSeconds(1)))
                .json().get("slotId").asText();
        String pastAppointment = book(asPatient, shortSlot);
        String nine = openSlot(asDoctor, doctorId, 9);
        String eleven = openSlot(asDoctor, doctorId, 11);
        String upcoming = book(asPatient, nine);
        String cancelled = book(asPatient, eleven);
        assertThat(asPatient.post("/api/slots/" + eleven + "/cancel", "{\"reason\":\"travelling\"}").status())
                .isEqualTo(200);

        JsonNode past = await().atMost(Duration.ofSeconds(15)).until(
                () -> asPatient.get("/api/patients/me/appointments?scope=past").json(),
                page -> page.get("totalItems").asInt() == 1);
        assertThat(past.get("items").get(0).get("appointmentId").asText()).isEqualTo(pastAppointment);
        assertThat(past.get("items").get(0).get("slotId").asText()).isEqualTo(shortSlot);

        JsonNode ahead = awaitPage(asPatient, "/api/patients/me/appointments?scope=upcoming",
                page -> page.get("totalItems").asInt() == 2
                        && "cancelled".equals(page.get("items").get(1).get("status").asText()));
        assertThat(ahead.get("items").findValuesAsText("appointmentId")).containsExactly(upcoming, cancelled);
        JsonNode next = ahead.get("items").get(0);
        assertThat(next.get("slotId").asText()).isEqualTo(nine);
        assertThat(next.get("doctorId").asText()).isEqualTo(doctorId.toString());
        assertThat(next.get("doctorName").asText()).isEqualTo("Dr. Olivia Reader");
        assertThat(next.get("specialization").asText()).isEqualTo(specialization);
        assertThat(next.get("patientName").asText()).isEqualTo("Paula Patient");
        assertThat(Instant.parse(next.get("start").asText())).isEqualTo(tomorrowAt(9));
        assertThat(Instant.parse(next.get("end").asText())).isEqualTo(tomorrowAt(9).plus(Duration.ofMinutes(30)));
        assertThat(next.get("status").asText()).isEqualTo("booked");
        assertThat(next.has("bookedAt")).isTrue();
        assertThat(next.has("cancelledAt")).isFalse();
        JsonNode gone = ahead.get("items").get(1);
        assertThat(gone.get("cancelledBy").asText()).isEqualTo("PATIENT");
        assertThat(gone.get("cancellationReason").asText()).isEqualTo("travelling");
        assertThat(gone.has("cancelledAt")).isTrue();
        assertThat(asPatient.get("/api/patients/me/appointments").json().get("items").findValuesAsText("appointmentId"))
                .as("upcoming is the default").containsExactly(upcoming, cancelled);
        assertThat(asPatient.get("/api/patients/me/appointments?size=1&page=1").json().get("items")
                .findValuesAsText("appointmentId")).containsExactly(cancelled);

        HttpJson stranger = api.as(people.patient("Stan Stranger").accessToken());
        assertThat(stranger.get("/api/patients/me/appointments").json().get("totalItems").asInt()).isZero();
    }

    @Test
    void aDoctorSeesTheirWeekWithPatientNames() {
        TestAccounts.Session bob = people.patient("Bob Second");
        HttpJson asBob = api.as(bob.accessToken());
        String nine = book(asPatient, openSlot(asDoctor, doctorId, 9));
        String ten = book(asBob, openSlot(asDoctor, doctorId, 10));
        Instant nextWeek = tomorrowAt(9).plus(Duration.ofDays(9));
        String later = book(asPatient, asDoctor.post("/api/doctors/" + doctorId + "/slots",
                slotJson(nextWeek, nextWeek.plus(Duration.ofMinutes(30)))).json().get("slotId").asText());
        TestAccounts.Session otherDoctor = accounts.doctor(specialization);
        String otherDoctorsAppointment = book(asPatient,
                openSlot(api.as(otherDoctor.accessToken()), otherDoctor.accountId(), 12));

        JsonNode week = awaitPage(asDoctor, "/api/doctors/me/appointments",
                page -> page.get("totalItems").asInt() == 2);
        assertThat(week.get("items").findValuesAsText("appointmentId")).containsExactly(nine, ten);
        assertThat(week.get("items").findValuesAsText("patientName")).containsExactly("Paula Patient", "Bob Second");
        assertThat(week.get("items").findValuesAsText("appointmentId")).doesNotContain(otherDoctorsAppointment);
        Instant from = Instant.parse(week.get("from").asText());
        assertThat(Duration.between(from, Instant.parse(week.get("to").asText()))).isEqualTo(Duration.ofDays(7));
        assertThat(from).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minus(Duration.ofDays(1)));

        JsonNode thatDay = awaitPage(asDoctor, "/api/doctors/me/appointments?from=" + nextWeek.truncatedTo(ChronoUnit.DAYS)
                + "&to=" + nextWeek.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)),
                page -> page.get("totalItems").asInt() == 1);
        assertThat(thatDay.get("items").get(0).get("appointmentId").asText()).isEqualTo(later);

        assertThat(asBob.post("/api/slots/" + week.get("items").get(1).get("slotId").asText() + "/cancel", null)
                .status()).isEqualTo(200);
        JsonNode cancelled = awaitPage(asDoctor, "/api/doctors/me/appointments?status=cancelled",
                page -> page.get("totalItems").asInt() == 1);
        assertThat(cancelled.get("items").get(0).get("appointmentId").asText()).isEqualTo(ten);
        assertThat(asDoctor.get("/api/doctors/me/appointments?status=booked").json().get("items")
                .findValuesAsText("appointmentId")).containsExactly(nine);

        Instant start = tomorrowAt(0);
        assertInvalid(asDoctor.get("/api/doctors/me/appointments?from=" + start + "&to=" + start), "to");
        assertInvalid(asDoctor.get("/api/doctors/me/appointments?from=" + start + "&to="
                + start.plus(Duration.ofDays(32))), "to");
        assertInvalid(asDoctor.get("/api/doctors/me/appointments?status=maybe"), "status");
        assertInvalid(asDoctor.get("/api/doctors/me/appointments?from=monday"), "from");
        assertInvalid(asDoctor.get("/api/doctors/me/appointments?size=501"), "size");
    }

    @Test
    void anAppointmentIsReadByItsPatientItsDoctorAndAdminsOnly() {
        String slotId = openSlot(asDoctor, doctorId, 13);
        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        String appointmentId = booked.json().get("appointmentId").asText();

        for (HttpJson entitled : List.of(asPatient, asDoctor, asAdmin)) {
            HttpJson.Response read = entitled.after(booked).get("/api/appointments/" + appointmentId);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            JsonNode appointment = read.json();
            assertThat(appointment.get("slotId").asText()).isEqualTo(slotId);
            assertThat(appointment.get("patientId").asText()).isEqualTo(patientId.toString());
            assertThat(appointment.get("patientName").asText()).isEqualTo("Paula Patient");
            assertThat(appointment.get("doctorName").asText()).isEqualTo("Dr. Olivia Reader");
        }
        HttpJson otherPatient = api.as(accounts.patient().accessToken());
        HttpJson otherDoctor = api.as(accounts.doctor().accessToken());
        for (HttpJson stranger : List.of(otherPatient, otherDoctor)) {
            assertProblem(stranger.get("/api/appointments/" + appointmentId), 404, "not-found");
        }
        assertProblem(asAdmin.get("/api/appointments/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.get("/api/appointments/" + appointmentId), 401, "unauthenticated");
        assertInvalid(asAdmin.get("/api/appointments/42"), "appointmentId");
    }

    @Test
    void aRescheduledAppointmentKeepsItsIdAndMovesToTheNewSlot() {
        String from = openSlot(asDoctor, doctorId, 14);
        String to = openSlot(asDoctor, doctorId, 16);
        String appointmentId = book(asPatient, from);

        HttpJson.Response moved = asPatient.post("/api/slots/" + from + "/reschedule", "{\"toSlotId\":\"" + to + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        JsonNode appointment = await().atMost(Duration.ofSeconds(10)).until(
                () -> asPatient.get("/api/appointments/" + appointmentId).json(),
                a -> to.equals(a.path("slotId").asText()));
        assertThat(Instant.parse(appointment.get("start").asText())).isEqualTo(tomorrowAt(16));
        assertThat(appointment.get("status").asText()).isEqualTo("booked");
        assertThat(asPatient.get("/api/patients/me/appointments").json().get("items").findValuesAsText("slotId"))
                .containsExactly(to);
    }

    @Test
    void anAdminListsEveryAppointmentFilteredAndPaged() {
        String nine = book(asPatient, openSlot(asDoctor, doctorId, 9));
        String ten = book(asPatient, openSlot(asDoctor, doctorId, 10));
        String eleven = book(asPatient, openSlot(asDoctor, doctorId, 11));
        assertThat(asDoctor.post("/api/slots/" + slotOf(ten) + "/cancel", "{\"reason\":\"ill\"}").status())
                .isEqualTo(200);
        String mine = "/api/admin/appointments?doctorId=" + doctorId;

        awaitPage(asAdmin, mine + "&status=cancelled", page -> page.get("totalItems").asInt() == 1);
        JsonNode all = asAdmin.get(mine).json();
        assertThat(all.get("items").findValuesAsText("appointmentId")).containsExactly(nine, ten, eleven);
        assertThat(all.get("items").findValuesAsText("patientName")).containsOnly("Paula Patient");
        assertThat(asAdmin.get(mine + "&status=cancelled").json().get("items").get(0).get("cancelledBy").asText())
                .isEqualTo("DOCTOR");
        assertThat(asAdmin.get(mine + "&status=booked").json().get("items").findValuesAsText("appointmentId"))
                .containsExactly(nine, eleven);
        assertThat(asAdmin.get(mine + "&from=" + tomorrowAt(10) + "&to=" + tomorrowAt(11)).json().get("items")
                .findValuesAsText("appointmentId")).containsExactly(ten);
        JsonNode secondPage = asAdmin.get(mine + "&size=2&page=1").json();
        assertThat(secondPage.get("items").findValuesAsText("appointmentId")).containsExactly(eleven);
        assertThat(secondPage.get("totalItems").asInt()).isEqualTo(3);
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(2);
        assertThat(asAdmin.get("/api/admin/appointments?from=" + tomorrowAt(9) + "&to=" + tomorrowAt(12)
                + "&size=500").json().get("items").findValuesAsText("appointmentId")).contains(nine, ten, eleven);

        assertInvalid(asAdmin.get("/api/admin/appointments?status=done"), "status");
        assertInvalid(asAdmin.get("/api/admin/appointments?doctorId=someone"), "doctorId");
        assertInvalid(asAdmin.get("/api/admin/appointments?from=" + tomorrowAt(11) + "&to=" + tomorrowAt(10)), "to");
        assertInvalid(asAdmin.get("/api/admin/appointments?page=-1"), "page");
        assertInvalid(asAdmin.get("/api/admin/appointments?page=200&size=50"), "page");
        assertInvalid(asPatient.get("/api/patients/me/appointments?scope=soon"), "scope");
    }

    @Test
    void eachListIsForItsRoleOnly() {
        String appointmentId = book(asPatient, openSlot(asDoctor, doctorId, 15));
        HttpJson asAuditor = api.as(auditor().accessToken());
        assertProblem(asAuditor.get("/api/appointments/" + appointmentId), 403, "forbidden");
        assertProblem(asAuditor.get("/api/admin/appointments"), 403, "forbidden");
        assertProblem(asAuditor.get("/api/admin/dashboard"), 403, "forbidden");
        assertProblem(asPatient.get("/api/admin/appointments"), 403, "forbidden");
        assertProblem(asDoctor.get("/api/admin/appointments"), 403, "forbidden");
        assertProblem(asDoctor.get("/api/patients/me/appointments"), 403, "forbidden");
        assertProblem(asPatient.get("/api/doctors/me/appointments"), 403, "forbidden");
        assertProblem(asAdmin.get("/api/doctors/me/appointments"), 403, "forbidden");
        for (String path : List.of("/api/admin/appointments", "/api/patients/me/appointments",
                "/api/doctors/me/appointments")) {
            assertProblem(api.get(path), 401, "unauthenticated");
        }
    }

    private TestAccounts.Session auditor() {
        String email = "auditor-" + UUID.randomUUID() + "@example.test";
        assertThat(asAdmin.post("/api/admin/auditors", "{\"email\":\"" + email + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    private String slotOf(String appointmentId) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> asAdmin.get("/api/appointments/" + appointmentId), r -> r.status() == 200)
                .json().get("slotId").asText();
    }

    private static String book(HttpJson patient, String slotId) {
        HttpJson.Response booked = patient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().get("appointmentId").asText();
    }

    /** Names come from the directories, projected by their own processors: wait for them too. */
    private static JsonNode awaitPage(HttpJson client, String path, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> client.get(path).json(), until.and(page -> {
            for (JsonNode item : page.path("items")) {
                if (!item.hasNonNull("patientName") || !item.hasNonNull("doctorName")) {
                    return false;
                }
            }
            return true;
        }));
    }
}
