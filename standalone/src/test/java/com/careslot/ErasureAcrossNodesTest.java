package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.careslot.command.CommandSideApplication;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * An erasure on one command-side node is honoured by another node that had the person's key cached: within the key
 * cache's lifetime (careslot.privacy.key-cache-ttl, 10 s) its reads of the person's texts turn to "[erased]", and the
 * account can sign in on neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureAcrossNodesTest {

    static ConfigurableApplicationContext otherNode;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startASecondCommandSide() {
        otherNode = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("server.port=0", "spring.application.name=command-side-node-b")
                .run();
    }

    @AfterAll
    static void stop() {
        otherNode.close();
    }

    @Test
    void anErasureOnOneNodeIsHonouredByTheOthersKeyCache() {
        HttpJson nodeA = HttpJson.onPort(port);
        HttpJson nodeB = HttpJson.onPort(((WebServerApplicationContext) otherNode).getWebServer().getPort());
        TestAccounts accounts = new TestAccounts(nodeA);
        HttpJson asAdminOnA = nodeA.as(accounts.admin().accessToken());
        TestAccounts.Session patient = accounts.patient();
        TestAccounts.Session doctor = accounts.doctor();
        String slotId = openSlot(nodeA.as(doctor.accessToken()), doctor.accountId(), 10);
        String reason = "Private reason " + UUID.randomUUID();
        HttpJson asPatientOnA = nodeA.as(patient.accessToken());
        assertThat(asPatientOnA.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);
        assertThat(asPatientOnA.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"" + reason + "\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                asAdminOnA.get("/api/audit/slots/" + slotId + "/history").body()).contains(reason));

        HttpJson.Response erased = nodeB.as(new TestAccounts(nodeB).admin().accessToken())
                .post("/api/admin/patients/" + patient.accountId() + "/erasure", "");

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                asAdminOnA.get("/api/audit/slots/" + slotId + "/history").body())
                .doesNotContain(reason).contains("[erased]"));
        for (HttpJson node : new HttpJson[] {nodeA, nodeB}) {
            assertThat(node.post("/api/auth/login", "{\"email\":\"" + patient.email() + "\",\"password\":\""
                    + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(401);
        }
    }
}
