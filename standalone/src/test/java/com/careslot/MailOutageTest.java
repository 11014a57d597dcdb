package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.mail.EmbeddedMailServer;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Invariant 7: a mail owed for a committed event is sent once, even when SMTP is down for a while. The embedded SMTP
 * server is stopped and started again on its port while the system runs; the mails wait in the dead-letter queue and
 * are retried with backoff (the tests' shared settings: 0.5 s doubling, 5 attempts), or by an admin once the retries
 * are used up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailOutageTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer smtp;
    HttpJson api;
    TestAccounts accounts;
    Mailbox mailbox;
    TestAccounts.Session doctor;
    TestAccounts.Session patient;
    HttpJson asDoctor;
    HttpJson asPatient;
    HttpJson asAdmin;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        mailbox = new Mailbox(api);
        doctor = accounts.doctor("Dermatology");
        asDoctor = api.as(doctor.accessToken());
        patient = accounts.patient();
        asPatient = api.as(patient.accessToken());
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void mailsOwedDuringAnSmtpOutageArriveExactlyOnceWhenItEnds() {
        List<String> slots = List.of(openSlot(asDoctor, doctor.accountId(), 9),
                openSlot(asDoctor, doctor.accountId(), 10), openSlot(asDoctor, doctor.accountId(), 11));
        List<String> appointments = new ArrayList<>();

        smtp.stopSmtp();
        try {
            for (String slot : slots) {
                HttpJson.Response booked = asPatient.post("/api/slots/" + slot + "/book", BOOK);
                assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
                appointments.add(booked.json().get("appointmentId").asText());
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(deadLetteredAppointments()).containsAll(appointments));
            assertThat(mailbox.mails(patient.email(), "Appointment confirmed")).isEmpty();
        } finally {
            smtp.startSmtp();
        }

        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> mailbox.mails(patient.email(), "Appointment confirmed").size() == 3);
        assertThat(mailbox.mails(patient.email(), "Appointment confirmed"))
                .extracting(mail -> mail.get("text").asText().lines()
                        .filter(line -> line.startsWith("Reference: ")).findFirst().orElseThrow().substring(11))
                .containsExactlyInAnyOrderElementsOf(appointments);
        assertThat(mailbox.mails(doctor.email(), "New appointment")).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deadLetteredAppointments()).doesNotContainAnyElementsOf(appointments));
        assertThat(asPatient.get("/api/notifications").json().get("items").findValuesAsText("status"))
                .containsExactly("SENT", "SENT", "SENT");
    }

    @Test
    void aCancellationMailWaitsForTheBookingMailOfItsAppointment() {
        String slot = openSlot(asDoctor, doctor.accountId(), 12);
        String appointmentId;
        smtp.stopSmtp();
        try {
            appointmentId = asPatient.post("/api/slots/" + slot + "/book", BOOK).json().get("appointmentId").asText();
            assertThat(asPatient.post("/api/slots/" + slot + "/cancel", "{\"reason\":\"Changed plans\"}").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(asPatient.get("/api/notifications").json().get("items").findValuesAsText("type"))
                            .containsExactlyInAnyOrder("BOOKED", "CANCELLED"));
            JsonNode letter = await().atMost(Duration.ofSeconds(10)).until(() -> letterOf(appointmentId),
                    found -> found != null);
            assertThat(letter.get("eventType").asText())
                    .as("the booking's mail failed; the cancellation's waits behind it, untried").isEqualTo("SlotBooked");
        } finally {
            smtp.startSmtp();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.mails(patient.email(), "Appointment").size() == 2);
        assertThat(mailbox.mails(patient.email(), "Appointment")).extracting(mail -> mail.get("subject").asText())
                .as("newest first").satisfiesExactly(
                        subject -> assertThat(subject).startsWith("Appointment cancelled"),
                        subject -> assertThat(subject).startsWith("Appointment confirmed"));
    }

    @Test
    void aLetterPastItsRetriesWaitsForAnAdminWhoListsAndRetriesIt() {
        String slot = openSlot(asDoctor, doctor.accountId(), 14);
        JsonNode letter;
        String appointmentId;
        smtp.stopSmtp();
        try {
            appointmentId = asPatient.post("/api/slots/" + slot + "/book", BOOK).json().get("appointmentId").asText();
            letter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> letterOf(appointmentId),
                            found -> found != null && found.get("attempts").asInt() == 5);
        } finally {
            smtp.startSmtp();
        }
        assertThat(letter.has("nextAttemptAt")).as("no more automatic retries").isFalse();
        assertThat(letter.get("eventType").asText()).isEqualTo("SlotBooked");
        assertThat(letter.get("processingGroup").asText()).isEqualTo("notification-mail");
        assertThat(letter.get("cause").get("message").asText()).contains("BOOKED");
        JsonNode status = asAdmin.get("/api/admin/notifications/stats").json();
        assertThat(status.get("total").get("deadLettered").asLong()).isPositive();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> mailbox.mails(patient.email(), "Appointment confirmed").isEmpty());
        assertThat(asPatient.get("/api/notifications").json().get("items").get(0).get("status").asText())
                .isEqualTo("DEAD_LETTERED");

        double deadLetters = deadLettersMetric();
        assertThat(deadLetters).as("careslot_mail_dead_letters").isGreaterThanOrEqualTo(1);

        assertThat(asPatient.get("/api/admin/dead-letters").status()).isEqualTo(403);
        assertThat(asPatient.post("/api/admin/dead-letters/" + letter.get("id").asText() + "/retry", null).status())
                .isEqualTo(403);
        assertThat(asAdmin.post("/api/admin/dead-letters/no-such-letter/retry", null).status()).isEqualTo(404);
        HttpJson.Response retried = asAdmin.post("/api/admin/dead-letters/" + letter.get("id").asText() + "/retry",
                null);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(mailbox.awaitOne(patient.email(), "Appointment confirmed").get("text").asText())
                .contains(appointmentId);
        assertThat(mailbox.mails(doctor.email(), "New appointment")).hasSize(1);
        assertThat(letterOf(appointmentId)).isNull();
        assertThat(asPatient.get("/api/notifications").json().get("items").get(0).get("status").asText())
                .isEqualTo("SENT");
        assertThat(deadLettersMetric()).isEqualTo(deadLetters - 1);
    }

    private double deadLettersMetric() {
        Matcher gauge = Pattern.compile("(?m)^careslot_mail_dead_letters(?:\\{[^}]*})? (\\S+)$")
                .matcher(asAdmin.get("/actuator/prometheus").body());
        assertThat(gauge.find()).as("careslot_mail_dead_letters in the metrics").isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    private List<String> deadLetteredAppointments() {
        return asAdmin.get("/api/admin/dead-letters?size=500").json().get("items").findValuesAsText("appointmentId");
    }

    private JsonNode letterOf(String appointmentId) {
        for (JsonNode letter : asAdmin.get("/api/admin/dead-letters?size=500").json().get("items")) {
            if (appointmentId.equals(letter.path("appointmentId").asText())) {
                return letter;
            }
        }
        return null;
    }
}
