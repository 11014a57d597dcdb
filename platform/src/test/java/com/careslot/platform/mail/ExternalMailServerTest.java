package com.careslot.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * With {@code spring.mail.host} set (docker-compose points it at Mailpit), Spring Boot's mail sender talks to that
 * server, and nothing of the embedded catcher exists: no SMTP server of its own, no caught-mail endpoints.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalMailServerTest {

    @RegisterExtension
    static final GreenMailExtension operatorsSmtpServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static final int EMBEDDED_PORT = freePort();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> operatorsSmtpServer.getSmtp().getBindTo());
        registry.add("spring.mail.port", () -> operatorsSmtpServer.getSmtp().getPort());
        registry.add("careslot.mail.embedded-port", () -> EMBEDDED_PORT);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JavaMailSender mailSender;

    @LocalServerPort
    int port;

    @Test
    void mailGoesToTheConfiguredServer() {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@careslot.example");
        message.setTo("patient@example.org");
        message.setSubject("Your sign-up code");
        message.setText("Your code is 482913.");

        mailSender.send(message);

        assertThat(operatorsSmtpServer.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = operatorsSmtpServer.getReceivedMessagesForDomain("example.org")[0];
        assertThat(GreenMailUtil.getBody(received)).isEqualTo("Your code is 482913.");
        assertThat(((JavaMailSenderImpl) mailSender).getPort()).isEqualTo(operatorsSmtpServer.getSmtp().getPort());
    }

    @Test
    void noCatcherRunsAndItsEndpointsDoNotExist() {
        assertThat(context.getBeansOfType(EmbeddedMailServer.class)).isEmpty();
        assertThat(context.getBeansOfType(CaughtMailController.class)).isEmpty();
        assertThatThrownBy(() -> new Socket(EmbeddedMailServer.BIND_ADDRESS, EMBEDDED_PORT).close())
                .as("nothing listens on careslot.mail.embedded-port").isInstanceOf(ConnectException.class);

        HttpJson http = HttpJson.onPort(port);
        assertThat(http.get("/api/dev/mail").status()).isEqualTo(404);
        assertThat(http.get("/mail").status()).isEqualTo(404);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
