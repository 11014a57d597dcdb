package com.careslot.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.api.account.Role;
import com.careslot.platform.security.AccessTokens;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;

import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * A bucket large enough to be counted on local copies ({@link Buckets}: 100 writes an hour per address, a share of 5
 * per node) on two nodes that share only PostgreSQL; both trust the loopback address as their gateway, so each test
 * has addresses of its own through {@code X-Forwarded-For}. No limit per account.
 */
class SharedBucketsTest {

    static final int LIMIT = 100;
    static final int LOCAL_SHARE = (int) (LIMIT / Buckets.LOCAL_SHARE_DIVISOR);

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static String token;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = node("shared-buckets-a");
        nodeB = node("shared-buckets-b");
        token = nodeA.getBean(AccessTokens.class).issue(UUID.randomUUID(), Role.PATIENT);
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void oneAddressAlternatingBetweenNodesGetsItsLimitAndAtMostEachNodesShareMore() {
        String address = "198.51.100.10";
        int accepted = 0;
        boolean refusedByA = false;
        boolean refusedByB = false;
        for (int write = 0; write < 2 * LIMIT && !(refusedByA && refusedByB); write++) {
            boolean onA = write % 2 == 0;
            HttpJson.Response answer = write(onA ? nodeA : nodeB, address);
            if (answer.status() == 200) {
                accepted++;
                assertThat(onA ? refusedByA : refusedByB).as("accepted by a node that had refused").isFalse();
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
                assertThat(answer.json().path("detail").asText()).contains("this address");
                if (onA) {
                    refusedByA = true;
                } else {
                    refusedByB = true;
                }
            }
        }

        assertThat(refusedByA && refusedByB).as("both nodes refuse in the end").isTrue();
        assertThat(accepted).isBetween(LIMIT, LIMIT + 2 * LOCAL_SHARE);
    }

    @Test
    void concurrentWritesUnderANewBucketOnOneNodeGetExactlyItsLimit() throws Exception {
        List<Integer> answers = concurrently(nodeA, "198.51.100.20", 2 * LIMIT);

        assertThat(answers).filteredOn(status -> status == 200).hasSize(LIMIT);
        assertThat(answers).filteredOn(status -> status != 200).allMatch(status -> status == 429);
    }

    @Test
    void bucketsDeletedUnderTheNodesAreCreatedAgainWithoutAFailedRequest() throws Exception {
        // A race (a request finds the row gone while others queue behind it on the same handle), run below many times.
        for (int round = 0; round < 2; round++) {
            String address = "198.51.100." + (30 + round);
            assertThat(concurrently(nodeA, address, 20)).containsOnly(200);
            assertThat(concurrently(nodeB, address, 20)).containsOnly(200);

            new JdbcTemplate(nodeA.getBean(DataSource.class))
                    .update("delete from rate_limit.bucket where id like ?", "%:" + address);

            // Full again: 80 more fit even with what each node had counted locally and writes in late (5 each).
            assertThat(concurrently(nodeA, address, 40)).containsOnly(200);
            assertThat(concurrently(nodeB, address, 40)).containsOnly(200);
        }
    }

    @Test
    void aRowDeletedUnderConcurrentRequestsOfOneHandleIsCreatedAgain() throws Exception {
        // The same race, straight at the node's handles and many times: a limit of 40 syncs every other token.
        Buckets buckets = new Buckets(nodeA.getBean(PostgreSQLSelectForUpdateBasedProxyManager.class));
        JdbcTemplate jdbc = new JdbcTemplate(nodeA.getBean(DataSource.class));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 25; round++) {
                String key = "test:" + UUID.randomUUID();
                for (int i = 0; i < 4; i++) {
                    assertThat(buckets.tryConsume(key, 40, Duration.ofHours(1)).isConsumed()).isTrue();
                }
                jdbc.update("delete from rate_limit.bucket where id = ?", key);
                List<Future<Boolean>> consumed = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    consumed.add(threads.submit(() -> buckets.tryConsume(key, 40, Duration.ofHours(1)).isConsumed()));
                }
                for (Future<Boolean> each : consumed) {
                    assertThat(each.get()).as("round " + round).isTrue();
                }
            }
        } finally {
            threads.shutdown();
        }
    }

    private static List<Integer> concurrently(ConfigurableApplicationContext node, String address, int writes)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                answers.add(clients.submit(() -> {
                    HttpJson.Response answer = write(node, address);
                    assertThat(answer.status()).as(answer.toString()).isIn(200, 429);
                    return answer.status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            clients.shutdown();
        }
    }

    private static HttpJson.Response write(ConfigurableApplicationContext node, String forwardedFor) {
        HttpJson client = HttpJson.onPort(((WebServerApplicationContext) node).getWebServer().getPort());
        return client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/things"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(PlatformTestApplication.class, RateLimitTest.Endpoints.class)
                .properties("spring.application.name=" + name)
                .run("--server.port=0", "--server.forward-headers-strategy=native",
                        "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
                        "--careslot.rate-limits.writes.per-account=0",
                        "--careslot.rate-limits.writes.per-address=" + LIMIT,
                        "--careslot.rate-limits.writes.period=PT1H");
    }
}
