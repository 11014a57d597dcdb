package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import com.careslot.platform.test.HttpJson;

/**
 * Standalone on a fresh machine: the mail a service sends is caught and readable at {@code /api/dev/mail}, and the
 * published API description says nothing of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaughtMailTest {

    @LocalServerPort
    int port;

    @Autowired
    JavaMailSender mailSender;

    @Test
    void mailSentWithoutAnSmtpServerIsCaughtAndReadable() {
        String to = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@careslot.example");
        message.setTo(to);
        message.setSubject("Your sign-up code");
        message.setText("Your code is 482913.");

        mailSender.send(message);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(HttpJson.onPort(port).get("/api/dev/mail?to=" + to).json().get("items")
                        .findValuesAsText("text")).containsExactly("Your code is 482913."));
        assertThat(HttpJson.onPort(port).get("/mail").status()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionDoesNotRevealTheCaughtMail() {
        HttpJson.Response description = HttpJson.onPort(port).get("/v3/api-docs");

        assertThat(description.status()).isEqualTo(200);
        assertThat(description.body()).contains("/api/slots").doesNotContain("/api/dev/mail", "\"/mail");
    }
}
