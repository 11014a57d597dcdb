package com.careslot;

import static com.careslot.Calendar.bookJson;
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
import com.fasterxml.jackson.databind.JsonNode;

/** The booking core end to end over real HTTP: open, book, cancel, as the read model and the audit trail see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlotApiTest {

    @LocalServerPort
    int port;
    HttpJson api;
    final UUID doctorId = UUID.randomUUID();
    final UUID patientId = UUID.randomUUID();

    @BeforeEach
    void connect() {
        api = HttpJson.onPort(port);
    }

    @Test
    void opensASlotThatReadersSeeAsFree() {
        Instant start = tomorrowAt(9);
        HttpJson.Response created = api.post("/api/doctors/" + doctorId + "/slots",
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
        String slotId = openSlot(api, doctorId, 10);

        HttpJson.Response booked = api.post("/api/slots/" + slotId + "/book", bookJson(patientId));
        assertThat(booked.status()).isEqualTo(201);
        String appointmentId = booked.json().get("appointmentId").asText();
        assertThat(booked.json().get("status").asText()).isEqualTo("booked");
        assertThat(booked.json().get("patientId").asText()).isEqualTo(patientId.toString());
        JsonNode bookedSlot = awaitSlot(slotId, "BOOKED");
        assertThat(bookedSlot.get("patientId").asText()).isEqualTo(patientId.toString());
        assertThat(bookedSlot.get("appointmentId").asText()).isEqualTo(appointmentId);

        HttpJson.Response cancelled = api.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"feeling better\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        JsonNode freeAgain = awaitSlot(slotId, "FREE");
        assertThat(freeAgain.has("patientId")).isFalse();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode trail = api.get("/api/audit/events?aggregateId=" + slotId).json();
            assertThat(trail.get("totalItems").asInt()).isEqualTo(3);
            assertThat(trail.get("items").findValuesAsText("type"))
                    .containsExactly("SlotOpened", "SlotBooked", "BookingCancelled");
            assertThat(trail.get("items").findValuesAsText("sequenceNumber")).containsExactly("0", "1", "2");
            JsonNode cancellation = trail.get("items").get(2);
            assertThat(cancellation.get("payload").get("reason").asText()).isEqualTo("feeling better");
            assertThat(cancellation.get("correlationId").asText()).isNotBlank();
            assertThat(trail.get("items").get(0).get("globalIndex").asLong())
                    .isLessThan(trail.get("items").get(1).get("globalIndex").asLong());
        });
    }

    @Test
    void aCancelledSlotCanBeBookedAgain() {
        String slotId = openSlot(api, doctorId, 11);
        assertThat(api.post("/api/slots/" + slotId + "/book", bookJson(patientId)).status()).isEqualTo(201);
        assertThat(api.post("/api/slots/" + slotId + "/cancel", null).status()).isEqualTo(200);

        UUID secondPatient = UUID.randomUUID();
        assertThat(api.post("/api/slots/" + slotId + "/book", bookJson(secondPatient)).status()).isEqualTo(201);
        assertThat(awaitSlot(slotId, "BOOKED").get("patientId").asText()).isEqualTo(secondPatient.toString());
    }

    @Test
    void listsADoctorsSlotsInStartOrderFilteredByStatusAndWindow() {
        String late = openSlot(api, doctorId, 15);
        String early = openSlot(api, doctorId, 8);
        String middle = openSlot(api, doctorId, 12);
        api.post("/api/slots/" + middle + "/book", bookJson(patientId));
        awaitSlot(middle, "BOOKED");
        awaitSlot(late, "FREE");
        awaitSlot(early, "FREE");

        JsonNode all = api.get("/api/slots?doctorId=" + doctorId).json();
        assertThat(all.get("items").findValuesAsText("slotId")).containsExactly(early, middle, late);
        assertThat(all.get("totalItems").asInt()).isEqualTo(3);

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
    void refusesABookingOfATakenSlotWithAConflict() {
        String slotId = openSlot(api, doctorId, 13);
        api.post("/api/slots/" + slotId + "/book", bookJson(patientId));

        HttpJson.Response second = api.post("/api/slots/" + slotId + "/book", bookJson(UUID.randomUUID()));

        assertProblem(second, 409, "slot-not-free");
    }

    @Test
    void refusesToCancelASlotWithoutABooking() {
        String slotId = openSlot(api, doctorId, 14);

        assertProblem(api.post("/api/slots/" + slotId + "/cancel", null), 409, "no-active-booking");
    }

    @Test
    void answersNotFoundForUnknownSlots() {
        UUID unknown = UUID.randomUUID();
        assertProblem(api.post("/api/slots/" + unknown + "/book", bookJson(patientId)), 404, "not-found");
        assertProblem(api.post("/api/slots/" + unknown + "/cancel", null), 404, "not-found");
        assertProblem(api.get("/api/slots/" + unknown), 404, "not-found");
    }

    @Test
    void namesTheFieldOfEveryInvalidInput() {
        String slots = "/api/doctors/" + doctorId + "/slots";
        Instant start = tomorrowAt(16);
        assertInvalid(api.post(slots, slotJson(start, start.minusSeconds(60))), "end");
        assertInvalid(api.post(slots, slotJson(start, start)), "end");
        assertInvalid(api.post(slots, slotJson(Instant.now().minusSeconds(3600), Instant.now())), "start");
        assertInvalid(api.post(slots, slotJson(start, start.plus(Duration.ofHours(8)).plusSeconds(60))), "end");
        assertInvalid(api.post(slots, "{\"start\":\"tomorrow\",\"end\":\"" + start + "\"}"), "start");
        assertInvalid(api.post(slots, "{\"end\":\"" + start + "\"}"), "start");
        assertInvalid(api.post("/api/doctors/not-a-uuid/slots", slotJson(start, start.plusSeconds(600))),
                "doctorId");
        assertInvalid(api.post("/api/slots/42/book", bookJson(patientId)), "slotId");
        assertInvalid(api.post("/api/slots/" + UUID.randomUUID() + "/book", "{\"patientId\":\"bob\"}"), "patientId");
        assertInvalid(api.post("/api/slots/" + UUID.randomUUID() + "/book", "{}"), "patientId");
        assertInvalid(api.get("/api/slots?from=yesterday"), "from");
        assertInvalid(api.get("/api/slots?status=MAYBE"), "status");
        assertInvalid(api.get("/api/slots?page=-1"), "page");
        assertInvalid(api.get("/api/slots?size=100000"), "size");
    }

    @Test
    void refusesACancellationReasonLongerThan500Characters() {
        String slotId = openSlot(api, doctorId, 17);
        api.post("/api/slots/" + slotId + "/book", bookJson(patientId));

        assertInvalid(api.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"" + "x".repeat(501) + "\"}"),
                "reason");
    }

    @Test
    void answersMalformedBodiesWithABadRequest() {
        for (String body : List.of("{\"start\":", "not json", "[]", "")) {
            HttpJson.Response response = api.post("/api/doctors/" + doctorId + "/slots", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
    }

    private JsonNode awaitSlot(String slotId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/slots/" + slotId),
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
