package com.careslot.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

/** Every context of a JVM asking for one port shares one server, which stops when the last of them lets go. */
class EmbeddedMailServerTest {

    @Test
    void contextsAskingForOnePortShareOneServerUntilTheLastLetsGo() throws IOException {
        int port = freePort();

        EmbeddedMailServer first = EmbeddedMailServer.obtain(port);
        EmbeddedMailServer second = EmbeddedMailServer.obtain(port);
        assertThat(second).isSameAs(first);
        assertThat(first.smtpPort()).isEqualTo(port);

        first.release();
        new Socket(EmbeddedMailServer.BIND_ADDRESS, port).close();

        second.release();
        assertThatThrownBy(() -> new Socket(EmbeddedMailServer.BIND_ADDRESS, port).close())
                .isInstanceOf(ConnectException.class);
        EmbeddedMailServer third = EmbeddedMailServer.obtain(port);
        assertThat(third).as("a fresh server after the last let go").isNotSameAs(first);
        third.release();
    }

    @Test
    void portZeroMeansOneServerOnAPortChosenAtItsStart() {
        EmbeddedMailServer server = EmbeddedMailServer.obtain(0);
        try {
            assertThat(server.smtpPort()).isPositive();
            assertThat(EmbeddedMailServer.obtain(0)).isSameAs(server);
            server.release();
        } finally {
            server.release();
        }
    }

    @Test
    void anOutageRefusesMailKeepsWhatWasCaughtAndEndsOnTheSamePort() throws Exception {
        EmbeddedMailServer server = EmbeddedMailServer.obtain(freePort());
        try {
            int port = server.smtpPort();
            send(server, "before@example.org", "Before");

            server.stopSmtp();
            assertThat(server.acceptsMail()).isFalse();
            assertThatThrownBy(() -> new Socket(EmbeddedMailServer.BIND_ADDRESS, port).close())
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> send(server, "during@example.org", "During")).isInstanceOf(Exception.class);

            server.startSmtp();
            assertThat(server.acceptsMail()).isTrue();
            assertThat(server.smtpPort()).isEqualTo(port);
            send(server, "after@example.org", "After");
            assertThat(server.caughtMail()).extracting(CaughtMail::subject).containsExactly("After", "Before");
        } finally {
            server.release();
        }
    }

    @Test
    void attachmentsAreListedWithTheTextOfTextFiles() throws Exception {
        EmbeddedMailServer server = EmbeddedMailServer.obtain(freePort());
        try {
            Session session = session(server);
            MimeMessage message = new MimeMessage(session);
            message.setFrom("clinic@example.org");
            message.setRecipients(Message.RecipientType.TO, "invited@example.org");
            message.setSubject("Invite");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("See you then.", "UTF-8");
            MimeBodyPart invite = new MimeBodyPart();
            invite.setContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; charset=UTF-8; method=REQUEST");
            invite.setFileName("invite.ics");
            invite.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart(text, invite));
            Transport.send(message);

            CaughtMail caught = server.caughtMail().stream().filter(m -> m.to().equals("invited@example.org"))
                    .findFirst().orElseThrow();
            assertThat(caught.text()).isEqualTo("See you then.");
            assertThat(caught.attachments()).singleElement().satisfies(attachment -> {
                assertThat(attachment.filename()).isEqualTo("invite.ics");
                assertThat(attachment.contentType()).startsWith("text/calendar").contains("method=REQUEST");
                assertThat(attachment.content()).isEqualTo("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
            });
        } finally {
            server.release();
        }
    }

    private static void send(EmbeddedMailServer server, String to, String subject) throws Exception {
        MimeMessage message = new MimeMessage(session(server));
        message.setFrom("clinic@example.org");
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("Hello", StandardCharsets.UTF_8.name());
        Transport.send(message);
    }

    private static Session session(EmbeddedMailServer server) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", server.host());
        properties.setProperty("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        return Session.getInstance(properties);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
