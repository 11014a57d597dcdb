package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.careslot.platform.mail.EmbeddedMailServer;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Issue 17, point 5: a slow mail server never slows bookings, and many mails share one SMTP connection. The embedded
 * SMTP server makes way for {@link SlowSmtpServer} on its port, which holds back its answer to every message. While it
 * hangs on the first booking's mail, more bookings are all answered and read back, and their mails are owed; once it
 * answers, every mail arrives exactly once, over one connection per sender at most rather than one per mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowMailServerTest {

    private static final int BOOKINGS = 10;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer smtp;
    @Autowired
    JavaMailSenderImpl mailSender;
    @org.springframework.beans.factory.annotation.Value("${careslot.notification.delivery.senders:4}")
    int senders;
    HttpJson api;
    TestAccounts.Session doctor;
    TestAccounts.Session patient;
    HttpJson asDoctor;
    HttpJson asPatient;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        doctor = accounts.doctor("Neurology");
        asDoctor = api.as(doctor.accessToken());
        patient = accounts.patient();
        asPatient = api.as(patient.accessToken());
    }

    @Test
    void bookingsAreAnsweredWhileTheMailServerHangsAndTheirMailsFollowOverFewConnections() throws Exception {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            slots.add(openSlot(asDoctor, doctor.accountId(), 8 + i));
        }
        Properties timeouts = mailSender.getJavaMailProperties();
        Properties patientTimeouts = new Properties();
        patientTimeouts.putAll(timeouts);
        // the embedded sender gives up on a silent server after 5 s; this test decides when the server answers
        patientTimeouts.setProperty("mail.smtp.timeout", "60000");
        mailSender.setJavaMailProperties(patientTimeouts);
        smtp.stopSmtp();
        try (SlowSmtpServer slow = SlowSmtpServer.on(smtp.smtpPort())) {
            assertThat(book(slots.get(0))).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.waiting() > 0);

            for (String slot : slots.subList(1, BOOKINGS)) {
                assertThat(book(slot)).as("a booking while SMTP hangs").isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asPatient
                    .get("/api/patients/me/appointments?scope=upcoming&size=100").json().get("items")
                    .findValuesAsText("status")).hasSize(BOOKINGS).containsOnly("booked"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asPatient
                    .get("/api/notifications?size=100").json().get("items").findValuesAsText("type"))
                    .as("the mails owed, recorded while SMTP hangs").hasSize(BOOKINGS).containsOnly("BOOKED"));
            assertThat(slow.accepted()).as("nothing answered yet").isEmpty();
            assertThat(slow.waiting()).as("SMTP still holds the first mail").isPositive();

            slow.release();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(slow.accepted().stream()
                    .filter(mail -> mail.to().equals(patient.email()) || mail.to().equals(doctor.email())))
                    .hasSize(2 * BOOKINGS));
            Map<String, Long> copies = slow.accepted().stream()
                    .filter(mail -> mail.to().equals(patient.email()) || mail.to().equals(doctor.email()))
                    .collect(Collectors.groupingBy(SlowSmtpServer.Accepted::messageId, Collectors.counting()));
            assertThat(copies).as("each mail once, by Message-ID").hasSize(2 * BOOKINGS)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            // Each sender carries what it claimed over one connection: while the server hangs, each sender waits on
            // the connection of its first batch, and once it answers, carries what was recorded meanwhile over one
            // more — at most two per sender, and on average at least two mails per connection.
            assertThat(slow.connections()).as("SMTP connections for %d mails from %d senders", 2 * BOOKINGS, senders)
                    .isBetween(1, Math.min(2 * senders, BOOKINGS));
            System.out.printf("SlowMailServerTest: %d mails over %d SMTP connections%n", 2 * BOOKINGS,
                    slow.connections());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(asPatient
                    .get("/api/notifications?size=100").json().get("items").findValuesAsText("status"))
                    .hasSize(BOOKINGS).containsOnly("SENT"));
        } finally {
            mailSender.setJavaMailProperties(timeouts);
            smtp.startSmtp();
        }
    }

    private int book(String slot) {
        HttpJson.Response booked = asPatient.post("/api/slots/" + slot + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isIn(201, 409);
        return booked.status();
    }
}
