package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.Calendar.tomorrowAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** The booking core end to end over real HTTP: open, book, cancel, as the read model and the audit trail see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlotApiTest {

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asDoctor;
    HttpJson asPatient;
    HttpJson asAdmin;
    TestAccounts accounts;
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
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void opensASlotThatReadersSeeAsFree() {
        Instant start = tomorrowAt(9);
        HttpJson.Response created = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(20))));

        assertThat(created.status()).isEqualTo(201);
        String slotId = created.json().get("slotId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/slots/" + slotId);
        assertThat(created.json().get("status").asText()).isEqualTo("FREE");
        JsonNode slot = awaitSlot(slotId, "FREE");
        assertThat(slot.get("doctorId").asText()).isEqualTo(doctorId.toString());
        assertThat(Instant.parse(slot.get("start").asText())).isEqualTo(start);
        assertThat(Instant.parse(slot.get("end").asText())).isEqualTo(start.plus(Duration.ofMinutes(20)));
    }

    @Test
    void booksAndCancelsAndTheAuditTrailRecordsEveryStepInOrder() {
        String slotId = openSlot(asDoctor, doctorId, 10);

        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).isEqualTo(201);
        String appointmentId = booked.json().get("appointmentId").asText();
        assertThat(booked.json().get("status").asText()).isEqualTo("booked");
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patientId.toString());
        JsonNode bookedSlot = awaitSlot(slotId, "BOOKED");
        assertThat(bookedSlot.get("patientId").asText()).isEqualTo(patientId.toString());
        assertThat(bookedSlot.get("appointmentId").asText()).isEqualTo(appointmentId);

        HttpJson.Response cancelled = asPatient.post("/api/slots/" + slotId + "/cancel",
                "{\"reason\":\"feeling better\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        JsonNode freeAgain = awaitSlot(slotId, "FREE");
        assertThat(freeAgain.has("patientId")).isFalse();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode trail = asAdmin.get("/api/audit/events?aggregateId=" + slotId).json();
            assertThat(trail.get("totalItems").asInt()).isEqualTo(3);
            assertThat(trail.get("items").findValuesAsText("type"))
                    .containsExactly("SlotOpened", "SlotBooked", "BookingCancelled");
            assertThat(trail.get("items").findValuesAsText("sequenceNumber")).containsExactly("0", "1", "2");
            JsonNode cancellation = trail.get("items").get(2);
            assertThat(cancellation.get("payload").get("reason").asText()).isEqualTo("feeling better");
            assertThat(cancellation.get("correlationId").asText()).isNotBlank();
            assertThat(cancellation.get("actor").get("accountId").asText()).isEqualTo(patientId.toString());
            assertThat(cancellation.get("actor").get("role").asText()).isEqualTo("PATIENT");
            assertThat(trail.get("items").get(0).get("actor").get("accountId").asText())
                    .isEqualTo(doctorId.toString());
            assertThat(trail.get("items").get(0).get("actor").get("role").asText()).isEqualTo("DOCTOR");
            assertThat(trail.get("items").get(0).get("globalIndex").asLong())
                    .isLessThan(trail.get("items").get(1).get("globalIndex").asLong());
        });
    }

    @Test
    void aCancelledSlotCanBeBookedAgain() {
        String slotId = openSlot(asDoctor, doctorId, 11);
        assertThat(asPatient.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);
        assertThat(asPatient.post("/api/slots/" + slotId + "/cancel", null).status()).isEqualTo(200);

        TestAccounts.Session secondPatient = accounts.patient();
        assertThat(api.as(secondPatient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK).status())
                .isEqualTo(201);
        assertThat(awaitSlot(slotId, "BOOKED").get("patientId").asText())
                .isEqualTo(secondPatient.accountId().toString());
    }

    @Test
    void listsADoctorsSlotsInStartOrderFilteredByStatusAndWindow() {
        String late = openSlot(asDoctor, doctorId, 15);
        String early = openSlot(asDoctor, doctorId, 8);
        String middle = openSlot(asDoctor, doctorId, 12);
        asPatient.post("/api/slots/" + middle + "/book", BOOK);
        awaitSlot(middle, "BOOKED");
        awaitSlot(late, "FREE");
        awaitSlot(early, "FREE");

        JsonNode all = asDoctor.get("/api/slots?doctorId=" + doctorId).json();
        assertThat(all.get("items").findValuesAsText("slotId")).containsExactly(early, middle, late);
        assertThat(all.get("totalItems").asInt()).isEqualTo(3);
        assertThat(all.get("totalItemsExact").asBoolean()).isTrue();

        JsonNode free = api.get("/api/slots?doctorId=" + doctorId + "&status=FREE").json();
        assertThat(free.get("items").findValuesAsText("slotId")).containsExactly(early, late);

        JsonNode window = api.get("/api/slots?doctorId=" + doctorId + "&from=" + tomorrowAt(9) + "&to="
                + tomorrowAt(15)).json();
        assertThat(window.get("items").findValuesAsText("slotId")).containsExactly(middle);

        JsonNode secondPage = api.get("/api/slots?doctorId=" + doctorId + "&page=1&size=2").json();
        assertThat(secondPage.get("items").findValuesAsText("slotId")).containsExactly(late);
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(2);
    }

    @Test
    void showsWhoBookedOnlyToThatPatientTheDoctorAndAdmins() {
        String slotId = openSlot(asDoctor, doctorId, 18);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        awaitSlot(slotId, "BOOKED");

        for (HttpJson entitled : List.of(asPatient, asDoctor, asAdmin)) {
            assertThat(entitled.get("/api/slots/" + slotId).json().get("patientId").asText())
                    .isEqualTo(patientId.toString());
        }
        HttpJson otherPatient = api.as(accounts.patient().accessToken());
        for (HttpJson stranger : List.of(api, otherPatient)) {
            JsonNode slot = stranger.get("/api/slots/" + slotId).json();
            assertThat(slot.get("status").asText()).isEqualTo("BOOKED");
            assertThat(slot.has("patientId")).isFalse();
            assertThat(slot.has("appointmentId")).isFalse();
            assertThat(stranger.get("/api/slots?doctorId=" + doctorId).json().get("items").findValues("patientId"))
                    .isEmpty();
        }
    }

    @Test
    void refusesABookingOfATakenSlotWithAConflict() {
        String slotId = openSlot(asDoctor, doctorId, 13);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);

        HttpJson.Response second = api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book",
                BOOK);

        assertProblem(second, 409, "slot-not-free");
    }

    @Test
    void refusesToCancelASlotWithoutABooking() {
        String slotId = openSlot(asDoctor, doctorId, 14);

        assertProblem(asPatient.post("/api/slots/" + slotId + "/cancel", null), 409, "no-active-booking");
    }

    @Test
    void answersNotFoundForUnknownSlots() {
        UUID unknown = UUID.randomUUID();
        assertProblem(asPatient.post("/api/slots/" + unknown + "/book", BOOK), 404, "not-found");
        assertProblem(asPatient.post("/api/slots/" + unknown + "/cancel", null), 404, "not-found");
        assertProblem(api.get("/api/slots/" + unknown), 404, "not-found");
    }

    @Test
    void namesTheFieldOfEveryInvalidInput() {
        String slots = "/api/doctors/" + doctorId + "/slots";
        Instant start = tomorrowAt(16);
        assertInvalid(asDoctor.post(slots, slotJson(start, start.minusSeconds(60))), "end");
        assertInvalid(asDoctor.post(slots, slotJson(start, start)), "end");
        assertInvalid(asDoctor.post(slots, slotJson(Instant.now().minusSeconds(3600), Instant.now())), "start");
        assertInvalid(asDoctor.post(slots, slotJson(start, start.plus(Duration.ofHours(8)).plusSeconds(60))), "end");
        assertInvalid(asDoctor.post(slots, "{\"start\":\"tomorrow\",\"end\":\"" + start + "\"}"), "start");
        assertInvalid(asDoctor.post(slots, "{\"end\":\"" + start + "\"}"), "start");
        assertInvalid(asAdmin.post("/api/doctors/not-a-uuid/slots", slotJson(start, start.plusSeconds(600))),
                "doctorId");
        assertInvalid(asPatient.post("/api/slots/42/book", BOOK), "slotId");
        assertInvalid(api.get("/api/slots?from=yesterday"), "from");
        assertInvalid(api.get("/api/slots?status=MAYBE"), "status");
        assertInvalid(api.get("/api/slots?page=-1"), "page");
        assertInvalid(api.get("/api/slots?size=100000"), "size");
        assertInvalid(api.get("/api/slots?page=200&size=50"), "page"); // starts at the 10,000th slot: too deep
    }

    @Test
    void refusesACancellationReasonLongerThan500Characters() {
        String slotId = openSlot(asDoctor, doctorId, 17);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);

        assertInvalid(asPatient.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"" + "x".repeat(501) + "\"}"),
                "reason");
    }

    @Test
    void answersMalformedBodiesWithABadRequest() {
        for (String body : List.of("{\"start\":", "not json", "[]", "")) {
            HttpJson.Response response = asDoctor.post("/api/doctors/" + doctorId + "/slots", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
    }

    private JsonNode awaitSlot(String slotId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get("/api/slots/" + slotId),
                response -> response.status() == 200 && status.equals(response.json().get("status").asText()))
                .json();
    }

    static void assertProblem(HttpJson.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:careslot:problem:" + code);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    static void assertInvalid(HttpJson.Response response, String field) {
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").findValuesAsText("field")).as(response.toString()).contains(field);
    }
}
