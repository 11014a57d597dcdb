package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every route of every service, sent through the gateway, reaches the service that serves it. The routes are not
 * listed here: they are read from each service's own OpenAPI document, so a new endpoint the gateway would send to
 * the wrong service fails this test. The answer names who gave it ({@code X-Careslot-Service}).
 */
@ExtendWith(LocalCluster.class)
class GatewayRoutesIT {

    static final Map<String, String> SERVICES = Map.of(
            LocalCluster.COMMAND_SIDE_1, "careslot-command-side",
            LocalCluster.QUERY_SIDE, "careslot-query-side",
            LocalCluster.NOTIFICATION_PROJECTOR, "careslot-notification-projector");

    @Test
    void everyDocumentedRouteReachesTheServiceThatDocumentsIt() {
        LocalCluster.Running cluster = LocalCluster.running();
        Map<String, String> owner = new LinkedHashMap<>();
        SERVICES.forEach((service, name) -> {
            JsonNode paths = cluster.service(service).get("/v3/api-docs").json().path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Stream.of("get", "post", "put", "patch", "delete").anyMatch(method::equals)) {
                        String previous = owner.put(method.toUpperCase() + " " + path.getKey(), name);
                        assertThat(previous).as("%s %s documented by two services", method, path.getKey()).isNull();
                    }
                });
            }
        });
        assertThat(owner).as("routes documented").hasSizeGreaterThanOrEqualTo(45);

        List<String> misrouted = new ArrayList<>();
        HttpJson gateway = cluster.gateway();
        owner.forEach((route, expected) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            if (path.equals("/api/slots/stream")) {
                return; // a stream never ends; the test below reads its first event
            }
            HttpJson.Response answer = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));
            String servedBy = answer.header("X-Careslot-Service");
            if (!expected.equals(servedBy) || answer.status() >= 500) {
                misrouted.add(route + " -> " + servedBy + " (" + answer.status() + ")");
            }
        });
        assertThat(misrouted).as("routes the gateway sent elsewhere (of %d)", owner.size()).isEmpty();
    }

    @Test
    void bothCommandSideNodesTakeRequests() {
        HttpJson gateway = LocalCluster.running().gateway();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            instances.add(gateway.post("/api/auth/login", "{\"email\":\"nobody@example.test\",\"password\":\"x\"}")
                    .header("X-Careslot-Instance"));
        }
        assertThat(instances).contains(LocalCluster.COMMAND_SIDE_1, LocalCluster.COMMAND_SIDE_2);
    }

    @Test
    void theGatewayServesThePagesAndStreamsServerSentEvents() throws Exception {
        HttpJson gateway = LocalCluster.running().gateway();
        HttpJson.Response page = gateway.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(page.header("X-Careslot-Service")).isNull();
        assertThat(gateway.get("/accept-invite?token=abc").body()).isEqualTo(page.body());

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/slots/stream?doctorId=" + UUID.randomUUID()))
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("X-Careslot-Service")).hasValue("careslot-query-side");
        try (Stream<String> lines = stream.body()) {
            assertThat(lines.limit(5).anyMatch(line -> line.startsWith("event:") && line.contains("snapshot")))
                    .as("the stream's first event arrives through the gateway unbuffered").isTrue();
        }
    }
}
