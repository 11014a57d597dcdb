package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's run command as a user runs it: the packaged jar on the embedded default, stopped and started again
 * on the same data directory. Every slot and booking survives; nothing in the log reaches for Axon Server. Without
 * {@code CARESLOT_ADMIN_EMAIL} / {@code CARESLOT_ADMIN_PASSWORD} the first start creates an admin and prints its
 * generated password once, and nowhere else; the second keeps it and prints nothing.
 */
class RestartIT {

    static final Pattern GENERATED_ADMIN = Pattern.compile("Careslot admin \\(shown once\\): (\\S+) / (\\S+)");

    @TempDir
    Path dataDir;
    PackagedJar jar;

    @BeforeEach
    void prepare() throws IOException {
        jar = new PackagedJar(dataDir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        jar.kill();
    }

    @Test
    void aRestartKeepsEverySlotAndBooking() throws Exception {
        int port = jar.port();
        HttpJson api = HttpJson.onPort(port);

        Path firstLog = jar.start("first");
        assertThat(Files.readString(firstLog)).contains("http://localhost:" + port + "/swagger-ui.html");
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(200);
        Matcher admin = GENERATED_ADMIN.matcher(Files.readString(firstLog));
        assertThat(admin.find()).as("the first start prints a one-time admin password").isTrue();
        String adminEmail = admin.group(1);
        String adminPassword = admin.group(2);
        assertThat(adminEmail).isEqualTo("admin@careslot.local");
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(10);
        assertThat(Files.readString(firstLog).split(Pattern.quote(adminPassword), -1))
                .as("the password appears nowhere else in the output").hasSize(2);
        assertThat(admin.find()).as("printed once").isFalse();
        TestAccounts accounts = new TestAccounts(api);
        String adminToken = accounts.login(adminEmail, adminPassword).accessToken();
        TestAccounts.Session doctor = onboardDoctor(api, accounts, adminToken);
        TestAccounts.Session patient = accounts.patient();
        UUID patientId = patient.accountId();
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 9);
        String appointmentId = api.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK)
                .json().get("appointmentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/slots/" + slotId).json().path("status").asText(), "BOOKED"::equals);
        jar.stopGracefully();

        Path secondLog = jar.start("second");
        assertThat(Files.readString(secondLog)).doesNotContain("shown once").doesNotContain(adminPassword);
        assertThat(accounts.login(adminEmail, adminPassword).accessToken()).isNotBlank();
        JsonNode slot = api.as(patient.accessToken()).get("/api/slots/" + slotId).json();
        assertThat(slot.get("status").asText()).isEqualTo("BOOKED");
        assertThat(slot.get("patientId").asText()).isEqualTo(patientId.toString());
        assertThat(slot.get("appointmentId").asText()).isEqualTo(appointmentId);
        SlotApiTest.assertProblem(api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book",
                BOOK), 409, "slot-not-free");
        assertThat(api.as(adminToken).get("/api/audit/events?aggregateId=" + slotId).json().get("items")
                .findValuesAsText("type"))
                .containsExactly("SlotOpened", "SlotBooked");

        for (Path log : List.of(firstLog, secondLog)) {
            assertThat(Files.readString(log)).doesNotContainIgnoringCase("axonserver")
                    .doesNotContainIgnoringCase("axon server").doesNotContain("ERROR");
        }
    }

    static TestAccounts.Session onboardDoctor(HttpJson api, TestAccounts accounts, String adminToken) {
        String email = "doctor-" + UUID.randomUUID() + "@example.test";
        assertThat(api.as(adminToken).post("/api/admin/doctors", "{\"email\":\"" + email
                + "\",\"fullName\":\"Dr. Restart\",\"specialization\":\"Cardiology\",\"timeZone\":\"UTC\"}")
                .status()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);
        return accounts.login(email, TestAccounts.PASSWORD);
    }
}
