package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** A doctor runs their calendar over HTTP: block, unblock, remove, cancellation rules, attendance. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlotLifecycleTest {

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asDoctor;
    HttpJson asPatient;
    HttpJson asOtherDoctor;
    UUID doctorId;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        doctorId = doctor.accountId();
        asDoctor = api.as(doctor.accessToken());
        asPatient = api.as(accounts.patient().accessToken());
        asOtherDoctor = api.as(accounts.doctor().accessToken());
    }

    @Test
    void blocksUnblocksAndRemovesFreeSlots() {
        String slotId = openSlot(asDoctor, doctorId, 9);

        assertThat(asDoctor.post("/api/slots/" + slotId + "/block", "{\"reason\":\"conference\"}").status())
                .isEqualTo(200);
        awaitStatus(slotId, "BLOCKED");
        assertProblem(asPatient.post("/api/slots/" + slotId + "/book", BOOK), 409, "slot-not-free");

        assertThat(asDoctor.post("/api/slots/" + slotId + "/unblock", null).status()).isEqualTo(200);
        awaitStatus(slotId, "FREE");

        assertThat(asDoctor.delete("/api/slots/" + slotId).status()).isEqualTo(204);
        awaitStatus(slotId, "REMOVED");
        assertThat(asDoctor.get("/api/slots?doctorId=" + doctorId).json().get("items").findValuesAsText("slotId"))
                .doesNotContain(slotId);
        assertThat(asDoctor.get("/api/slots?doctorId=" + doctorId + "&status=REMOVED").json().get("items")
                .findValuesAsText("slotId")).containsExactly(slotId);
        assertProblem(asDoctor.post("/api/slots/" + slotId + "/block", null), 409, "slot-not-free");
    }

    @Test
    void refusesToBlockOrRemoveABookedSlot() {
        String slotId = openSlot(asDoctor, doctorId, 10);
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);

        assertProblem(asDoctor.post("/api/slots/" + slotId + "/block", null), 409, "slot-not-free");
        assertProblem(asDoctor.delete("/api/slots/" + slotId), 409, "slot-not-removable");
    }

    @Test
    void onlyTheSlotsDoctorManagesIt() {
        String slotId = openSlot(asDoctor, doctorId, 11);

        assertProblem(asOtherDoctor.post("/api/slots/" + slotId + "/block", null), 403, "not-your-slot");
        assertProblem(asOtherDoctor.delete("/api/slots/" + slotId), 403, "not-your-slot");
        assertProblem(asPatient.post("/api/slots/" + slotId + "/block", null), 403, "forbidden");
    }

    @Test
    void aPatientCannotCancelWithinTwoHoursButTheDoctorCanAndMayBlockTheSlot() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.SECONDS);
        String slotId = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                slotJson(soon, soon.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        asPatient.post("/api/slots/" + slotId + "/book", BOOK);

        assertProblem(asPatient.post("/api/slots/" + slotId + "/cancel", null), 422, "too-late-to-cancel");
        assertInvalid(asDoctor.post("/api/slots/" + slotId + "/cancel", null), "reason");
        assertThat(asDoctor.post("/api/slots/" + slotId + "/cancel",
                "{\"reason\":\"called in sick\",\"unavailable\":true}").status()).isEqualTo(200);
        awaitStatus(slotId, "BLOCKED");
    }

    @Test
    void recordsAttendanceAsFhirStatuses() {
        Instant start = Instant.now().plusSeconds(2);
        String slotId = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        assertThat(asPatient.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);

        HttpJson.Response checkedIn = asDoctor.post("/api/slots/" + slotId + "/check-in", null);
        assertThat(checkedIn.status()).isEqualTo(200);
        assertThat(checkedIn.json().get("status").asText()).isEqualTo("checked-in");
        assertProblem(asDoctor.post("/api/slots/" + slotId + "/no-show", null), 409, "appointment-checked-in");

        HttpJson.Response fulfilled = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> asDoctor.post("/api/slots/" + slotId + "/complete", null), r -> r.status() != 422);
        assertThat(fulfilled.status()).isEqualTo(200);
        assertThat(fulfilled.json().get("status").asText()).isEqualTo("fulfilled");
        JsonNode slot = await().atMost(Duration.ofSeconds(10)).until(
                () -> asDoctor.get("/api/slots/" + slotId).json(),
                s -> "fulfilled".equals(s.path("appointmentStatus").asText()));
        assertThat(slot.get("status").asText()).isEqualTo("BOOKED");
        assertThat(api.get("/api/slots/" + slotId).json().has("appointmentStatus")).isFalse();
    }

    private void awaitStatus(String slotId, String status) {
        await().atMost(Duration.ofSeconds(10)).until(
                () -> asDoctor.get("/api/slots/" + slotId).json().path("status").asText(), status::equals);
    }
}
