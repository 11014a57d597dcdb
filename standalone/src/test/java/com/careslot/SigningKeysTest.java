package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.careslot.platform.security.SigningKeys;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.careslot.query.QuerySideApplication;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Only the command side signs access tokens; a service given just the public key verifies them and can sign none.
 * Without configured keys the embedded default generates a pair once in its data directory and keeps using it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SigningKeysTest {

    static final Path EMBEDDED_KEYS = Path.of("target/test-data/keys");

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys standaloneKeys;
    @TempDir
    Path emptyKeyDir;

    @Test
    void aQuerySideWithOnlyThePublicKeyAcceptsTheCommandSidesTokensAndHoldsNoSigningKey() throws Exception {
        HttpJson writes = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(writes);
        TestAccounts.Session doctor = accounts.doctor();
        TestAccounts.Session patient = accounts.patient();
        String slotId = openSlot(writes.as(doctor.accessToken()), doctor.accountId(), 10);
        assertThat(writes.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK).status())
                .isEqualTo(201);

        try (ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("server.port=0", "spring.application.name=query-side-public-key-only")
                .run("--careslot.jwt.public-key=" + pem(standaloneKeys.publicKey()),
                        "--careslot.jwt.key-dir=" + emptyKeyDir)) {
            HttpJson reads = HttpJson.onPort(((WebServerApplicationContext) querySide).getWebServer().getPort());

            HttpJson asPatient = reads.as(patient.accessToken());
            JsonNode slot = await().atMost(Duration.ofSeconds(15)).until(() -> asPatient.get("/api/slots/" + slotId),
                    r -> r.status() == 200 && "BOOKED".equals(r.json().get("status").asText())).json();
            assertThat(slot.get("patientId").asText()).isEqualTo(patient.accountId().toString());
            assertThat(reads.get("/api/slots/" + slotId).json().has("patientId"))
                    .as("anonymous readers do not see who booked").isFalse();
            assertProblem(reads.as(forgedToken(patient.accountId())).get("/api/slots/" + slotId), 401,
                    "invalid-token");

            SigningKeys keys = querySide.getBean(SigningKeys.class);
            assertThat(keys.privateKey()).isEmpty();
            assertThat(keys.publicKey()).isEqualTo(standaloneKeys.publicKey());
        }
        // the master key of personal data (docs/PRIVACY.md) may be generated there; no signing key may
        assertThat(emptyKeyDir.toFile().list()).as("no signing key file generated")
                .filteredOn(name -> !name.equals("master.key") && !name.equals(".lock")).isEmpty();
    }

    @Test
    void theEmbeddedDefaultGeneratesItsPairOnceAndKeepsIt() throws Exception {
        Path privateFile = EMBEDDED_KEYS.resolve("jwt-signing-key.pem");
        Path publicFile = EMBEDDED_KEYS.resolve("jwt-signing-key.pub.pem");
        assertThat(privateFile).isRegularFile();
        assertThat(publicFile).isRegularFile();
        assertThat(standaloneKeys.privateKey()).isPresent();
        assertThat(Files.readString(publicFile)).isEqualToIgnoringWhitespace(pem(standaloneKeys.publicKey()));
        byte[] privateBefore = Files.readAllBytes(privateFile);

        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("server.port=0", "spring.application.name=query-side-embedded-keys")
                .run()) {
            SigningKeys reloaded = again.getBean(SigningKeys.class);
            assertThat(reloaded.publicKey()).isEqualTo(standaloneKeys.publicKey());
            assertThat(reloaded.privateKey()).isEqualTo(standaloneKeys.privateKey());
        }
        assertThat(Files.readAllBytes(privateFile)).isEqualTo(privateBefore);
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** A token like ours in every claim, signed with somebody else's key. */
    private static String forgedToken(UUID accountId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Forgery.signed(generator.generateKeyPair().getPrivate(), "careslot", accountId, "ADMIN",
                Instant.now().plusSeconds(600));
    }
}
