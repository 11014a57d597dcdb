package com.careslot;

import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.command.CommandSideApplication;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Stripe delivers one webhook twice at the same moment, and the two deliveries reach two command-side nodes (two
 * Spring contexts, two connection pools, one database): the slot is booked once and the payment succeeds once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentTwoNodeTest {

    static final int ROUNDS = 8;
    static ConfigurableApplicationContext otherNode;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

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
    void oneWebhookDeliveredToTwoNodesAtOnceBooksOnceAndRecordsOnePayment() throws Exception {
        HttpJson nodeA = HttpJson.onPort(port);
        HttpJson nodeB = HttpJson.onPort(((WebServerApplicationContext) otherNode).getWebServer().getPort());
        TestAccounts accounts = new TestAccounts(nodeA);
        TestAccounts.Session doctor = accounts.doctor("Radiology");
        HttpJson asDoctor = nodeA.as(doctor.accessToken());
        assertThat(asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"fee\":120}").status()).isEqualTo(200);
        assertThat(nodeA.as(accounts.admin().accessToken()).send(HttpRequest.newBuilder(URI.create(nodeA.baseUrl()
                        + "/api/admin/payments/doctors/" + doctor.accountId()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))).status()).isEqualTo(200);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                HttpJson patient = nodeA.as(accounts.patient().accessToken());
                String slotId = openSlot(asDoctor, doctor.accountId(), 6 + round);
                String intentId = patient.post("/api/slots/" + slotId + "/hold", null).json().get("payment")
                        .get("paymentIntentId").asText();
                StripeDouble.Webhook succeeded = StripeDouble.succeed(intentId);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpJson.Response>> deliveries = List.of(nodeA, nodeB).stream()
                        .map(node -> threads.submit(() -> {
                            go.await();
                            return StripeDouble.deliver(node, succeeded);
                        })).toList();
                go.countDown();
                for (Future<HttpJson.Response> delivery : deliveries) {
                    assertThat(delivery.get().status()).as("round %d: %s", round, delivery.get()).isEqualTo(200);
                }

                String appointmentId = StripeDouble.intent(intentId).get("metadata").get("appointment_id").asText();
                assertThat(count(slotId, "com.careslot.api.slot.SlotBooked")).as("round %d", round).isEqualTo(1);
                assertThat(count(appointmentId, "com.careslot.api.payment.PaymentSucceeded")).as("round %d", round)
                        .isEqualTo(1);
                assertThat(jdbc.queryForObject("select count(*) from command_side.stripe_event where event_id = ?",
                        Integer.class, succeeded.eventId())).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int count(String aggregateId, String type) {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = ?", Integer.class, aggregateId, type);
    }
}
