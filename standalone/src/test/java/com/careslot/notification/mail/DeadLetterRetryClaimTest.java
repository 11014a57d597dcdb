package com.careslot.notification.mail;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.CareslotStandalone;
import com.careslot.platform.mail.EmbeddedMailServer;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An admin's retry of a dead letter makes its mails due and claims them in one transaction. Made due first and claimed
 * after, a sender of this node or another could claim them in between — it polls for due mail — and the admin's
 * request found nothing left to send and answered {@code FAILED} while the mail was on its way (seen once in CI as a
 * failed {@code MailOutageTest}, four senders to a node). The window is opened here by hand: right after the retry's
 * transaction a sender looks for the appointment's due mails and must find none.
 */
// The standalone application, not the notification projector's own, which this package would find first
@SpringBootTest(classes = CareslotStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeadLetterRetryClaimTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer smtp;
    @Autowired
    MailLog mailLog;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAdminsRetryHoldsItsMailsSoNoSenderClaimsThemFirst() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor("Dermatology");
        TestAccounts.Session patient = accounts.patient();
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        String slot = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 16);
        Duration claim = Duration.ofMinutes(1);

        String appointmentId;
        MailLog.Retry retry;
        smtp.stopSmtp();
        try {
            appointmentId = api.as(patient.accessToken()).post("/api/slots/" + slot + "/book", BOOK).json()
                    .get("appointmentId").asText();
            JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> letterOf(asAdmin, appointmentId),
                    found -> found != null);

            retry = mailLog.retryNow(letter.get("id").asText(), 10, claim).orElseThrow();
            List<MailLog.Claimed> sender = mailLog.claim(100, claim, appointmentId);

            assertThat(retry.sequenceKey()).isEqualTo(appointmentId);
            assertThat(retry.claimed()).as("the booking's two mails, the patient's and the doctor's")
                    .hasSize(2).allSatisfy(mail -> assertThat(mail.messageKey()).isEqualTo(letter.get("id").asText()));
            assertThat(sender).as("what a sender claims right after the admin's retry").isEmpty();
        } finally {
            smtp.startSmtp();
        }

        // Handed back as a crashed admin request would leave them when its claim ran out: the senders send them once.
        jdbc.update("update notification.mail_log set claimed_until = null where sequence_key = ?", appointmentId);
        await().atMost(Duration.ofSeconds(30)).until(() -> letterOf(asAdmin, appointmentId) == null);
        assertThat(jdbc.queryForObject("""
                select count(*) from notification.mail_log where sequence_key = ? and status = 'SENT'""",
                Long.class, appointmentId)).isEqualTo(2);
    }

    private static JsonNode letterOf(HttpJson asAdmin, String appointmentId) {
        for (JsonNode letter : asAdmin.get("/api/admin/dead-letters?size=500").json().get("items")) {
            if (appointmentId.equals(letter.path("appointmentId").asText())) {
                return letter;
            }
        }
        return null;
    }
}
