package com.careslot.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.platform.security.AccessTokens;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;

/**
 * Rate limits with low limits of their own, on two nodes that share only PostgreSQL: node A trusts no proxy, node B
 * trusts the loopback address as its gateway. Sign-in: 3 a minute per address; writes: 4 a minute per account, 6 per
 * address.
 */
class RateLimitTest {

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = node("node-a", "--server.tomcat.remoteip.internal-proxies=");
        nodeB = node("node-b", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void signInIsLimitedPerAddressAndAForgedForwardedForChangesNothing() {
        HttpJson a = client(nodeA);
        for (int attempt = 1; attempt <= 3; attempt++) {
            HttpJson.Response answer = signIn(a, "198.51.100." + attempt);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(answer.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - attempt));
            assertThat(Long.parseLong(answer.header("RateLimit-Reset"))).isBetween(1L, 60L);
        }

        HttpJson.Response refused = signIn(a, "198.51.100.99");

        assertTooMany(refused);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.json().path("detail").asText()).contains("this address");
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnBucket() {
        HttpJson b = client(nodeB);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(signIn(b, "203.0.113.7").status()).isEqualTo(200);
        }
        assertTooMany(signIn(b, "203.0.113.7"));
        assertThat(signIn(b, "203.0.113.8").status()).as("another client behind the gateway").isEqualTo(200);
    }

    @Test
    void writesAreLimitedPerAccountAcrossNodesAndReadsNever() {
        String token = nodeA.getBean(AccessTokens.class).issue(UUID.randomUUID(), Role.PATIENT);
        HttpJson a = client(nodeA).as(token);
        HttpJson b = client(nodeB).as(token);
        for (int write = 1; write <= 4; write++) {
            HttpJson.Response answer = (write % 2 == 0 ? b : a).post("/api/things", "{}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - write));
        }

        HttpJson.Response refused = a.post("/api/things", "{}");
        assertTooMany(refused);
        assertThat(refused.json().path("detail").asText()).contains("this account");
        assertTooMany(b.post("/api/things", "{}"));
        for (int read = 0; read < 10; read++) {
            assertThat(a.get("/api/things").status()).isEqualTo(200);
        }
        String someoneElse = nodeA.getBean(AccessTokens.class).issue(UUID.randomUUID(), Role.PATIENT);
        assertThat(client(nodeB).as(someoneElse).post("/api/things", "{}").status()).isEqualTo(200);
    }

    private static HttpJson.Response signIn(HttpJson node, String forwardedFor) {
        return node.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static void assertTooMany(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:careslot:problem:too-many-requests");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(response.header("RateLimit-Remaining")).isEqualTo("0");
    }

    private static HttpJson client(ConfigurableApplicationContext node) {
        return HttpJson.onPort(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext node(String name, String trustedProxies) {
        return new SpringApplicationBuilder(PlatformTestApplication.class, Endpoints.class)
                .properties("spring.application.name=" + name)
                .run("--server.port=0", "--server.forward-headers-strategy=native", trustedProxies,
                        "--careslot.rate-limits.sign-in.per-address=3",
                        "--careslot.rate-limits.writes.per-account=4", "--careslot.rate-limits.writes.per-address=6");
    }

    @RestController
    static class Endpoints {

        @PostMapping("/api/auth/login")
        @PreAuthorize("permitAll()")
        String signIn() {
            return "{}";
        }

        @PostMapping("/api/things")
        @PreAuthorize("hasRole('PATIENT')")
        String write() {
            return "{}";
        }

        @GetMapping("/api/things")
        @PreAuthorize("permitAll()")
        String read() {
            return "{}";
        }
    }
}
