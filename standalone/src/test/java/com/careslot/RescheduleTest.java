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
import java.util.ArrayList;
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

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** Invariant 4 over HTTP: a reschedule moves the booking whole, or leaves it where it was. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RescheduleTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    TestAccounts accounts;
    HttpJson asDoctor;
    UUID doctorId;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        doctorId = doctor.accountId();
        asDoctor = api.as(doctor.accessToken());
    }

    @Test
    void movesTheAppointmentKeepingItsIdAndFreesTheOldSlot() {
        TestAccounts.Session patient = accounts.patient();
        HttpJson asPatient = api.as(patient.accessToken());
        String from = openSlot(asDoctor, doctorId, 9);
        String to = openSlot(asDoctor, doctorId, 10);
        String appointmentId = asPatient.post("/api/slots/" + from + "/book", BOOK).json().get("appointmentId").asText();

        HttpJson.Response moved = asPatient.post("/api/slots/" + from + "/reschedule", toSlot(to));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(moved.json().get("slotId").asText()).isEqualTo(to);
        JsonNode newSlot = awaitSlot(asPatient, to, "BOOKED");
        assertThat(newSlot.get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(newSlot.get("patientId").asText()).isEqualTo(patient.accountId().toString());
        assertThat(awaitSlot(asPatient, from, "FREE").has("patientId")).isFalse();
        assertThat(jdbc.queryForObject("""
                select count(distinct meta_data) from event_store.domain_event_entry
                where aggregate_identifier in (?, ?) and payload_type like '%BookingMoved%'""",
                Integer.class, from, to)).as("both halves come from one command").isEqualTo(1);
    }

    @Test
    void intoATakenSlotLeavesTheBookingWhereItWas() {
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        String from = openSlot(asDoctor, doctorId, 11);
        String taken = openSlot(asDoctor, doctorId, 12);
        String appointmentId = asPatient.post("/api/slots/" + from + "/book", BOOK).json().get("appointmentId").asText();
        api.as(accounts.patient().accessToken()).post("/api/slots/" + taken + "/book", BOOK);
        long events = eventCount();

        assertProblem(asPatient.post("/api/slots/" + from + "/reschedule", toSlot(taken)), 409, "slot-not-free");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(awaitSlot(asPatient, from, "BOOKED").get("appointmentId").asText()).isEqualTo(appointmentId);
    }

    @Test
    void refusesWhatTheRulesRefuse() {
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        String from = openSlot(asDoctor, doctorId, 13);
        String to = openSlot(asDoctor, doctorId, 14);
        asPatient.post("/api/slots/" + from + "/book", BOOK);
        HttpJson asOtherPatient = api.as(accounts.patient().accessToken());
        long events = eventCount();

        assertProblem(asOtherPatient.post("/api/slots/" + from + "/reschedule", toSlot(to)), 403, "not-your-booking");
        assertProblem(asDoctor.post("/api/slots/" + from + "/reschedule", toSlot(to)), 403, "forbidden");
        assertInvalid(asPatient.post("/api/slots/" + from + "/reschedule", toSlot(from)), "toSlotId");
        assertInvalid(asPatient.post("/api/slots/" + from + "/reschedule", "{}"), "toSlotId");
        assertProblem(asPatient.post("/api/slots/" + from + "/reschedule", toSlot(UUID.randomUUID().toString())),
                404, "not-found");
        assertProblem(asPatient.post("/api/slots/" + to + "/reschedule", toSlot(from)), 409, "no-active-booking");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aPatientCannotRescheduleWithinTheCutoff() {
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        Instant soon = Instant.now().plus(Duration.ofMinutes(60)).truncatedTo(ChronoUnit.SECONDS);
        String from = asDoctor.post("/api/doctors/" + doctorId + "/slots", slotJson(soon, soon.plusSeconds(900)))
                .json().get("slotId").asText();
        String to = openSlot(asDoctor, doctorId, 15);
        asPatient.post("/api/slots/" + from + "/book", BOOK);

        assertProblem(asPatient.post("/api/slots/" + from + "/reschedule", toSlot(to)), 422, "too-late-to-cancel");
    }

    @Test
    void patientsRacingIntoOneFreeSlotOneWinsTheOthersKeepTheirOwn() throws Exception {
        int racers = 8;
        String target = openSlot(asDoctor, doctorId, 16);
        List<HttpJson> patients = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<String> appointments = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            HttpJson asPatient = api.as(accounts.patient().accessToken());
            String origin = asDoctor.post("/api/doctors/" + doctorId + "/slots",
                    slotJson(Calendar.tomorrowAt(20).plus(Duration.ofMinutes(20L * i)),
                            Calendar.tomorrowAt(20).plus(Duration.ofMinutes(20L * i + 15)))).json().get("slotId").asText();
            appointments.add(asPatient.post("/api/slots/" + origin + "/book", BOOK).json().get("appointmentId").asText());
            patients.add(asPatient);
            origins.add(origin);
        }

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<HttpJson.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                HttpJson asPatient = patients.get(i);
                String origin = origins.get(i);
                answers.add(threads.submit(() -> {
                    go.await();
                    return asPatient.post("/api/slots/" + origin + "/reschedule", toSlot(target));
                }));
            }
            go.countDown();
            int winners = 0;
            for (int i = 0; i < racers; i++) {
                HttpJson.Response answer = answers.get(i).get();
                if (answer.status() == 200) {
                    winners++;
                    assertThat(answer.json().get("appointmentId").asText()).isEqualTo(appointments.get(i));
                    awaitSlot(patients.get(i), origins.get(i), "FREE");
                } else {
                    assertProblem(answer, 409, "slot-not-free");
                    assertThat(awaitSlot(patients.get(i), origins.get(i), "BOOKED").get("appointmentId").asText())
                            .isEqualTo(appointments.get(i));
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.slot.BookingMovedOut' and aggregate_identifier = any(?)""",
                Integer.class, (Object) origins.toArray(String[]::new))).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.slot.BookingMovedIn' and aggregate_identifier = ?""",
                Integer.class, target)).isEqualTo(1);
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry", Long.class);
    }

    private static String toSlot(String slotId) {
        return "{\"toSlotId\":\"" + slotId + "\"}";
    }

    private static JsonNode awaitSlot(HttpJson reader, String slotId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> reader.get("/api/slots/" + slotId).json(),
                slot -> status.equals(slot.path("status").asText()));
    }
}
