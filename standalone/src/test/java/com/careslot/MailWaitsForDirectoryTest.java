package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * A mail to someone the recipient directory has not heard of yet (its processor is behind: a rebuild, a restart) waits
 * for the directory instead of failing: it spends none of its attempts, never reaches the dead letters, and goes once
 * the directory knows them. Before, it took a retry's back-off each time (a minute, doubling, in production) and could
 * be dead-lettered by a directory that was merely rebuilding.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailWaitsForDirectoryTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aMailToSomeoneTheDirectoryDoesNotKnowYetWaitsForItWithoutSpendingAttempts() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        Mailbox mailbox = new Mailbox(api);
        TestAccounts.Session doctor = accounts.doctor();
        String slot = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 14);
        PooledStreamingEventProcessor directory = processing
                .eventProcessor("notification-recipients", PooledStreamingEventProcessor.class).orElseThrow();
        directory.shutDown();
        TestAccounts.Session patient;
        try {
            patient = accounts.patient();
            HttpJson.Response booked = api.as(patient.accessToken()).post("/api/slots/" + slot + "/book", BOOK);
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            String appointment = booked.json().get("appointmentId").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> "RecipientNotYetKnown".equals(
                    confirmation(appointment, patient).get("last_error_type")));
            // The tests' retry settings (0.5 s, doubling, 5 attempts) would have spent two or three attempts by now.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                Map<String, Object> mail = confirmation(appointment, patient);
                assertThat(mail.get("attempts")).as(mail.toString()).isEqualTo(0);
                assertThat(mail.get("status")).as(mail.toString()).isNotIn("DEAD_LETTERED", "SENT");
            });
        } finally {
            directory.start();
        }
        mailbox.awaitOne(patient.email(), "Appointment confirmed");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(mailbox.mails(patient.email(), "Appointment confirmed")).as("sent once").hasSize(1));
    }

    private Map<String, Object> confirmation(String appointment, TestAccounts.Session patient) {
        return jdbc.queryForMap("""
                select status, attempts, last_error_type from notification.mail_log
                where type = 'BOOKED' and sequence_key = ? and recipient_id = ?""",
                appointment, patient.accountId());
    }
}
