package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.api.access.PatientDataAccessed;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Garbage at every endpoint the API describes: wrong types, missing and unknown fields, huge and deeply nested bodies,
 * invalid UTF-8, bad dates and zones, negative or huge paging, injection strings, oversized headers — sent by an admin
 * (so validation, not authorisation, answers) and by nobody (all of it where nobody is let in; elsewhere, where
 * nobody is refused before a parameter or the body is read, the hostile values in one parameter and one body). Never
 * a 5xx, every error a problem+json, and nothing written to the event store. The requests are generated from the
 * OpenAPI description, so a new endpoint is covered the day it is documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    private static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1' --", "\"; drop table event_store.domain_event_entry; --", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "../../../../etc/passwd", "%00", "\u0000", "😀".repeat(50),
            "x".repeat(5_000), "-1", "99999999999999999999999", "NaN", "2026-13-45T25:61:00Z", "Mars/Olympus_Mons");
    private static final List<String> HOSTILE_BODIES = List.of(
            "{", "[]", "\"text\"", "null", "42", "{\"unknown\":true}", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}",
            "[".repeat(100_000), "{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            "{\"start\":\"tomorrow\",\"end\":5,\"email\":{\"$ne\":null},\"page\":-1}",
            "{\"text\":\"" + "y".repeat(3_000_000) + "\"}");

    /** Every hostile request carries it, and so would every event one of them caused. */
    private final String correlation = "hostile-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noEndpointAnswersGarbageWithA5xxOrAWrite() {
        HttpJson anonymous = HttpJson.onPort(port);
        HttpJson admin = anonymous.as(new TestAccounts(anonymous).admin().accessToken());
        JsonNode api = anonymous.get("/v3/api-docs").json();

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                // An operation that wants a signed-in caller refuses nobody (401) before it reads a parameter or the
                // body; only the firewall and the filters see them first, and they read every value the same way
                // whichever parameter it is in: there nobody sends the hostile values in the first parameter, and
                // one hostile body. An operation open to nobody gets all of it from both.
                HttpJson.Response probe = anonymous.send(copy(plain(path.getKey(), method, operation.getValue())));
                sent++;
                check(probe, method + " " + path.getKey(), failures);
                boolean openToNobody = probe.status() != 401;
                boolean oneBodySent = false;
                for (Hostile request : hostile(api, path.getKey(), method, operation.getValue())) {
                    for (HttpJson caller : List.of(admin, anonymous)) {
                        if (caller == anonymous && !openToNobody) {
                            if (request.body() ? oneBodySent : request.parameter() > 0) {
                                continue;
                            }
                            oneBodySent |= request.body();
                        }
                        sent++;
                        check(caller.send(copy(request.builder())), method + " " + path.getKey(), failures);
                    }
                }
            }
        }
        for (HttpRequest.Builder request : oddRequests()) {
            sent++;
            check(anonymous.send(copy(request)), "odd request", failures);
        }

        System.out.printf("HostileInputTest: %d hostile requests, %d answers that broke a rule%n", sent, failures.size());
        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(failures).isEmpty();
        // A read the admin was answered (garbage parameters it ignored) is recorded in the access log when it named
        // patients (docs/PRIVACY.md): that records a read, it writes nothing.
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where convert_from(meta_data, 'UTF8') like ? and payload_type <> ?""", Long.class,
                "%" + correlation + "%", PatientDataAccessed.class.getName()))
                .as("no event caused by the garbage").isZero();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413WhetherTheirLengthIsDeclaredOrNot() {
        HttpJson anonymous = HttpJson.onPort(port);
        HttpJson admin = anonymous.as(new TestAccounts(anonymous).admin().accessToken());
        byte[] huge = ("{\"email\":\"" + "h".repeat(2_000_000) + "@example.test\"}").getBytes(StandardCharsets.UTF_8);

        HttpJson.Response declared = anonymous.send(HttpRequest.newBuilder(
                        URI.create(anonymous.baseUrl() + "/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        HttpJson.Response chunked = admin.send(HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/api/admin/doctors"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));

        for (HttpJson.Response refused : List.of(declared, chunked)) {
            SlotApiTest.assertProblem(refused, 413, "request-too-large");
            assertThat(refused.header("Connection")).as("the unread body ends the connection").isEqualTo("close");
        }
    }

    private void check(HttpJson.Response response, String what, List<String> failures) {
        int status = response.status();
        String body = response.body() == null ? "" : response.body();
        String request = what + " " + response.raw().request().uri().toString();
        String shown = request.length() > 300 ? request.substring(0, 300) + "…" : request;
        if (status >= 500) {
            failures.add(shown + " -> " + status + " " + abbreviate(body));
        } else if (status >= 400 && !response.contentType().startsWith("application/problem+json")) {
            failures.add(shown + " -> " + status + " not problem+json: " + response.contentType() + " "
                    + abbreviate(body));
        }
    }

    /**
     * A hostile request: what makes it hostile is its body (its parameters are harmless then), or else the value of
     * its {@code parameter}th parameter (0 for an operation without any).
     */
    private record Hostile(HttpRequest.Builder builder, boolean body, int parameter) {
    }

    /** The operation with harmless parameters and an empty object for a body, if it takes one. */
    private HttpRequest.Builder plain(String template, String method, JsonNode operation) {
        return request(template, method, parametersOf(operation), null, null,
                operation.has("requestBody") ? "{}" : null);
    }

    private static Map<String, JsonNode> parametersOf(JsonNode operation) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            parameters.put(parameter.get("name").asText(), parameter);
        }
        return parameters;
    }

    /** Per operation: each parameter made hostile in turn, and each hostile body. */
    private List<Hostile> hostile(JsonNode api, String template, String method, JsonNode operation) {
        List<Hostile> requests = new ArrayList<>();
        Map<String, JsonNode> parameters = parametersOf(operation);
        boolean hasBody = operation.has("requestBody");
        int index = 0;
        for (Map.Entry<String, JsonNode> target : parameters.entrySet()) {
            for (String value : valuesFor(target.getValue())) {
                requests.add(new Hostile(request(template, method, parameters, target.getKey(), value,
                        hasBody ? "{}" : null), false, index));
            }
            index++;
        }
        if (hasBody) {
            for (String body : HOSTILE_BODIES) {
                requests.add(new Hostile(request(template, method, parameters, null, null, body), true, 0));
            }
            for (String field : fieldsOf(api, operation.get("requestBody"))) {
                for (String value : List.of("[]", "{}", "12345678901234567890", "\"" + HOSTILE_STRINGS.get(0) + "\"",
                        "\"" + "z".repeat(100_000) + "\"", "\"2026-02-30T10:00:00Z\"", "true",
                        "\"nul\\u0000inside\"")) {
                    requests.add(new Hostile(request(template, method, parameters, null, null,
                            "{\"" + field + "\":" + value + "}"), true, 0));
                }
            }
            requests.add(new Hostile(request(template, method, parameters, null, null, null)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(
                            new byte[] {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                                    (byte) 0xFF, '"', '}'})), true, 0));
            requests.add(new Hostile(request(template, method, parameters, null, null, null)
                    .header("Content-Type", "text/xml")
                    .method(method, HttpRequest.BodyPublishers.ofString("<slot><start>now</start></slot>")), true, 0));
        }
        if (parameters.isEmpty() && !hasBody) {
            requests.add(new Hostile(request(template, method, parameters, null, null, null), false, 0));
        }
        return requests;
    }

    private static List<String> valuesFor(JsonNode parameter) {
        List<String> values = new ArrayList<>(HOSTILE_STRINGS);
        String type = parameter.path("schema").path("type").asText();
        if ("integer".equals(type)) {
            values.addAll(List.of("-2147483649", "1.5", "0x10", " "));
        }
        return values;
    }

    private static List<String> fieldsOf(JsonNode api, JsonNode requestBody) {
        JsonNode schema = requestBody.path("content").elements().hasNext()
                ? requestBody.path("content").elements().next().path("schema") : null;
        if (schema == null) {
            return List.of();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            schema = api.path("components").path("schemas").path(name);
        }
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private HttpRequest.Builder request(String template, String method, Map<String, JsonNode> parameters,
                                       String target, String value, String body) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, JsonNode> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String in = parameter.getValue().path("in").asText();
            String chosen = name.equals(target) ? value : UUID.randomUUID().toString();
            if ("path".equals(in)) {
                path = path.replace("{" + name + "}", URLEncoder.encode(chosen, StandardCharsets.UTF_8));
            } else if ("query".equals(in) && name.equals(target)) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(chosen, StandardCharsets.UTF_8));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + query));
        for (Map.Entry<String, JsonNode> parameter : parameters.entrySet()) {
            if ("header".equals(parameter.getValue().path("in").asText()) && parameter.getKey().equals(target)) {
                request.header(parameter.getKey(), value.replaceAll("[^\\x21-\\x7e]", "?"));
            }
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request;
    }

    /** Headers and framing no endpoint expects. */
    private List<HttpRequest.Builder> oddRequests() {
        String base = "http://localhost:" + port;
        List<HttpRequest.Builder> requests = new ArrayList<>();
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/slots")).header("X-Padding", "p".repeat(20_000)));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/auth/me"))
                .header("Authorization", "Bearer " + "a.b.c".repeat(3_000)));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/auth/me")).header("Authorization", "Basic x"));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/slots?page=-1&size=100000")));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/slots?from=yesterday&to=2026-99-99")));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/slots")).header("X-Careslot-Position", "x"));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/no-such-thing")));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/slots")).method("PATCH",
                HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/auth/login")).header("Content-Type",
                "application/json; charset=ebcdic").POST(HttpRequest.BodyPublishers.ofString("{}")));
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/auth/login")).header("Idempotency-Key",
                "k".repeat(5_000)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        return requests;
    }

    private HttpRequest.Builder copy(HttpRequest.Builder request) {
        return request.copy().header("X-Correlation-Id", correlation);
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
