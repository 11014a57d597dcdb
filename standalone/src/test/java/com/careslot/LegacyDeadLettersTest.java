package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.api.slot.SlotBooked;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Issue 17, point 5, the upgrade: an event left in the old notification-mail dead-letter queue (from before the mail
 * outbox) is moved into the outbox and its mails are sent, once; the queue ends empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyDeadLettersTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcSequencedDeadLetterQueue<EventMessage<?>> oldQueue;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLetterLeftInTheOldDeadLetterQueueIsMailedThroughTheOutbox() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor("Pediatrics");
        TestAccounts.Session patient = accounts.patient();
        Mailbox mailbox = new Mailbox(api);
        UUID slotId = UUID.randomUUID();
        UUID appointmentId = UUID.randomUUID();
        Instant start = Calendar.tomorrowAt(11);
        EventMessage<?> booked = new GenericDomainEventMessage<>("Slot", slotId.toString(), 1,
                new SlotBooked(slotId, doctor.accountId(), appointmentId, patient.accountId(), start,
                        start.plus(Duration.ofMinutes(30))), Map.of("actorRole", "PATIENT"));

        oldQueue.enqueue(appointmentId.toString(), new GenericDeadLetter<>(appointmentId.toString(), booked,
                new IllegalStateException("SMTP was down before the outbox")));

        assertThat(mailbox.awaitOne(patient.email(), "Appointment confirmed").get("text").asText())
                .contains(appointmentId.toString());
        assertThat(mailbox.awaitOne(doctor.email(), "New appointment").get("text").asText())
                .contains(appointmentId.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from notification.dead_letter_entry where sequence_identifier = ?", Long.class,
                appointmentId.toString()) == 0);
        assertThat(jdbc.queryForList("select status from notification.mail_log where message_key = ?", String.class,
                booked.getIdentifier())).containsExactly("SENT", "SENT");
    }
}
