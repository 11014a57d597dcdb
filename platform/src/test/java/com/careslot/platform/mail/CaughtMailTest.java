package com.careslot.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;
import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Without {@code spring.mail.host} every mail a service sends through the standard {@link JavaMailSender} goes over
 * real SMTP to the embedded catcher, and whoever sits at the machine reads it over HTTP.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaughtMailTest {

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    EmbeddedMailServer mailServer;

    @LocalServerPort
    int port;

    @Test
    void aPlainTextMailIsReadableAtTheRecipientsAddress() {
        String to = uniqueAddress();

        sendText(to, "Your sign-up code", "Your code is 482913.\nIt expires in 15 minutes.");

        JsonNode mail = awaitMailTo(to, 1).get(0);
        assertThat(mail.get("to").asText()).isEqualTo(to);
        assertThat(mail.get("subject").asText()).isEqualTo("Your sign-up code");
        assertThat(mail.get("text").asText()).isEqualTo("Your code is 482913.\nIt expires in 15 minutes.");
        assertThat(mail.get("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void aMultipartMailShowsItsPlainTextPart() {
        String to = uniqueAddress();

        sendMultipart(to, "You are invited", "Set your password: https://careslot.example/invite/abc",
                "<p>Set your <b>password</b>: <a href=\"https://careslot.example/invite/abc\">accept</a></p>");

        JsonNode mail = awaitMailTo(to, 1).get(0);
        assertThat(mail.get("subject").asText()).isEqualTo("You are invited");
        assertThat(mail.get("text").asText()).isEqualTo("Set your password: https://careslot.example/invite/abc");
    }

    @Test
    void anHtmlOnlyMailShowsItsTextWithoutMarkup() {
        String to = uniqueAddress();

        sendHtmlOnly(to, "Appointment booked",
                "<html><head><style>p{color:red}</style></head><body><h1>Booked</h1>"
                        + "<p>Dr&nbsp;Smith &amp; you, 09:00<br>Room 4</p></body></html>");

        JsonNode mail = awaitMailTo(to, 1).get(0);
        assertThat(mail.get("text").asText()).isEqualTo("Booked\nDr Smith & you, 09:00\nRoom 4");
    }

    @Test
    void mailIsListedNewestFirstAndFilteredByRecipientIgnoringCase() {
        String patient = uniqueAddress();
        String doctor = uniqueAddress();

        sendText(patient, "first", "1");
        sendText(doctor, "for the doctor", "2");
        sendText(patient, "second", "3");

        List<JsonNode> patientsMail = awaitMailTo(patient.toUpperCase(), 2);
        assertThat(patientsMail).extracting(mail -> mail.get("subject").asText()).containsExactly("second", "first");
        assertThat(patientsMail).extracting(mail -> mail.get("to").asText()).containsOnly(patient);

        List<String> everything = http().get("/api/dev/mail").json().get("items").findValuesAsText("subject");
        assertThat(everything).contains("for the doctor");
        assertThat(everything.indexOf("second")).isLessThan(everything.indexOf("first"));
    }

    @Test
    void theMessageIdsOfEveryMailAreListedOnePerRecipient() {
        String patient = uniqueAddress();
        String doctor = uniqueAddress();
        mailSender.send(mime -> {
            MimeMessageHelper helper = helper(mime, true, patient, "Appointment confirmed");
            helper.setCc(doctor);
            helper.setText("Booked.", "<p>Booked.</p>");
            // As the projector sends: its own Message-ID, which the sender keeps.
            mime.setHeader("Message-ID", "<event-1." + patient + "@careslot>");
        });

        String messageId = awaitMailTo(doctor, 1).get(0).get("messageId").asText();
        assertThat(messageId).isEqualTo("<event-1." + patient + "@careslot>");
        assertThat(awaitMailTo(patient, 1).get(0).get("messageId").asText()).isEqualTo(messageId);
        assertThat(mailServer.caughtMessageIds()).filteredOn(messageId::equals).hasSize(2);
        assertThat(mailServer.caughtMessageIds()).containsExactlyInAnyOrderElementsOf(
                mailServer.caughtMail().stream().map(CaughtMail::messageId).toList());
    }

    @Test
    void thePageAndItsScriptAreServedAndReadOnlyTheApi() {
        HttpJson.Response page = http().get("/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<label for=\"to\"", "<th scope=\"col\">Subject</th>",
                "<script src=\"/mail/mail.js\"");

        HttpJson.Response script = http().get("/mail/mail.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("'/api/dev/mail'").doesNotContain("innerHTML");
    }

    @Test
    void aRequestFromAnotherMachineFindsNothingThere() {
        Optional<InetAddress> address = nonLoopbackIpv4Address();
        Assumptions.assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
        HttpJson fromOutside = new HttpJson("http://" + address.get().getHostAddress() + ":" + port);

        for (String path : List.of("/api/dev/mail", "/api/dev/mail?to=someone@example.org", "/mail",
                "/mail/mail.js")) {
            assertLooksLikeNothingIsThere(fromOutside.get(path), fromOutside.get("/api/dev/nothing-here"));
        }
    }

    @Test
    void aRequestThroughAProxyFindsNothingThere() throws Exception {
        HttpJson.Response proxied = getWithHeader("/api/dev/mail", "X-Forwarded-For", "203.0.113.7");

        assertLooksLikeNothingIsThere(proxied, http().get("/api/dev/nothing-here"));
    }

    private static void assertLooksLikeNothingIsThere(HttpJson.Response answer, HttpJson.Response unknownPath) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("type")).isEqualTo(unknownPath.json().get("type"));
        assertThat(answer.json().get("title")).isEqualTo(unknownPath.json().get("title"));
        assertThat(fieldNames(answer.json())).isEqualTo(fieldNames(unknownPath.json()));
    }

    private List<JsonNode> awaitMailTo(String to, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpJson.Response answer = http().get("/api/dev/mail?to=" + to);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            answer.json().get("items").forEach(items::add);
            return items;
        }, items -> items.size() >= count);
    }

    private void sendText(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@careslot.example");
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        mailSender.send(message);
    }

    private void sendMultipart(String to, String subject, String text, String html) {
        mailSender.send(mime -> {
            MimeMessageHelper helper = helper(mime, true, to, subject);
            helper.setText(text, html);
        });
    }

    private void sendHtmlOnly(String to, String subject, String html) {
        mailSender.send(mime -> helper(mime, false, to, subject).setText(html, true));
    }

    private static MimeMessageHelper helper(MimeMessage mime, boolean multipart, String to, String subject)
            throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
        helper.setFrom("no-reply@careslot.example");
        helper.setTo(to);
        helper.setSubject(subject);
        return helper;
    }

    private HttpJson http() {
        return HttpJson.onPort(port);
    }

    private static String uniqueAddress() {
        return "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A request that says it was forwarded; {@link HttpJson} sends no extra headers. */
    private HttpJson.Response getWithHeader(String path, String name, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(name, value).GET().build();
        return new HttpJson.Response(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** An address of this machine that is not loopback, so a request to it arrives from a non-loopback address. */
    private static Optional<InetAddress> nonLoopbackIpv4Address() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(CaughtMailTest::isUpAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUpAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
