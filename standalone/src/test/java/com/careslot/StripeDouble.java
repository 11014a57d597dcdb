package com.careslot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.careslot.platform.test.HttpJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;

/**
 * Stripe, as far as Careslot calls it, on a WireMock server in this JVM: it answers the Stripe Java SDK with the bodies
 * Stripe publishes (its OpenAPI fixtures, see {@code resources/stripe/README.md}), changing only the fields a test
 * controls, and keeps the PaymentIntents it created so a test can pay one and deliver Stripe's signed webhook.
 * <p>
 * The shared Spring context needs Stripe's address when it starts, so the server starts once per JVM, before the
 * first context (this is also the {@link EnvironmentPostProcessor} that hands the context the test keys and the
 * address); each test class clears what it recorded ({@link #reset()}).
 */
public final class StripeDouble implements EnvironmentPostProcessor {

    public static final String SECRET_KEY = "sk_test_careslot_double";
    public static final String PUBLISHABLE_KEY = "pk_test_careslot_double";
    public static final String WEBHOOK_SECRET = "whsec_careslot_double";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static final Map<String, ObjectNode> INTENTS = new ConcurrentHashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("stripe-double", Map.of(
                "careslot.payments.stripe-secret-key", SECRET_KEY,
                "careslot.payments.stripe-publishable-key", PUBLISHABLE_KEY,
                "careslot.payments.stripe-webhook-secret", WEBHOOK_SECRET,
                "careslot.payments.api-base", "http://127.0.0.1:" + server().port())));
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                    .containerThreads(20).extensions(new Answers()));
            server.start();
            stubs(server);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Forgets the requests seen so far; the PaymentIntents stay (their ids are unique to their holds). */
    public static void reset() {
        server().resetRequests();
    }

    public static List<LoggedRequest> requests(String method, String path) {
        return server().getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(path))
                .toList();
    }

    /** The form parameters the SDK sent (Stripe's API takes application/x-www-form-urlencoded). */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** The PaymentIntent created for a hold of this slot (the newest, if there were several). */
    public static String intentForSlot(String slotId) {
        return INTENTS.values().stream()
                .filter(intent -> slotId.equals(intent.get("metadata").path("slot_id").asText()))
                .max(Comparator.comparingLong(intent -> intent.get("created").asLong()))
                .map(intent -> intent.get("id").asText()).orElseThrow();
    }

    /** Delivers a webhook to Careslot as Stripe would: a POST of the payload with its signature. */
    public static HttpJson.Response deliver(HttpJson api,
                                                                         Webhook webhook) {
        return api.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                        + "/api/payments/stripe/webhook"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", webhook.signature())
                .POST(HttpRequest.BodyPublishers.ofString(webhook.payload())));
    }

    public static ObjectNode intent(String id) {
        return INTENTS.get(id);
    }

    /** Marks the intent paid and answers the signed {@code payment_intent.succeeded} Stripe would send. */
    public static Webhook succeed(String intentId) {
        ObjectNode intent = INTENTS.get(intentId);
        intent.put("status", "succeeded").put("amount_received", intent.get("amount").asLong());
        return webhook("payment_intent.succeeded", intent);
    }

    /** The signed {@code payment_intent.payment_failed} of a declined card. */
    public static Webhook fail(String intentId) {
        ObjectNode intent = INTENTS.get(intentId);
        intent.put("status", "requires_payment_method");
        return webhook("payment_intent.payment_failed", intent);
    }

    public static Webhook webhook(String type, ObjectNode object) {
        ObjectNode event = fixture("event");
        event.put("id", "evt_" + random()).put("type", type).put("created", Instant.now().getEpochSecond())
                .put("api_version", Stripe.API_VERSION);
        ((ObjectNode) event.get("data")).set("object", object.deepCopy());
        String payload = event.toString();
        return new Webhook(event.get("id").asText(), payload, sign(payload, Instant.now(), WEBHOOK_SECRET));
    }

    /** Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}. */
    public static String sign(String payload, Instant at, String secret) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Webhook(String eventId, String payload, String signature) {
    }

    static ObjectNode fixture(String name) {
        try (InputStream in = StripeDouble.class.getResourceAsStream("/stripe/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static void stubs(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(aResponse().withTransformers(Answers.NAME)));
        server.stubFor(post(urlPathMatching("/v1/payment_intents/[^/]+/cancel"))
                .willReturn(aResponse().withTransformers(Answers.NAME)));
        server.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(aResponse().withTransformers(Answers.NAME)));
    }

    /** Builds each answer from a fixture and the request, as Stripe would for these parameters. */
    static final class Answers implements ResponseDefinitionTransformerV2 {

        static final String NAME = "stripe-answers";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            LoggedRequest request = serveEvent.getRequest();
            String path = request.getUrl().split("\\?")[0];
            Map<String, String> form = form(request);
            if (path.equals("/v1/payment_intents")) {
                return ok(create(request, form));
            }
            if (path.startsWith("/v1/payment_intents/")) {
                String id = path.split("/")[3];
                ObjectNode intent = INTENTS.get(id);
                if (intent == null) {
                    return error(404, "resource_missing", "No such payment_intent: '" + id + "'");
                }
                if (intent.get("status").asText().equals("succeeded")) {
                    return error(400, "payment_intent_unexpected_state", "You cannot cancel this PaymentIntent "
                            + "because it has a status of succeeded.");
                }
                intent.put("status", "canceled").put("canceled_at", Instant.now().getEpochSecond())
                        .put("cancellation_reason", form.get("cancellation_reason"));
                return ok(intent);
            }
            ObjectNode refund = fixture("refund");
            String intentId = form.get("payment_intent");
            ObjectNode intent = INTENTS.get(intentId);
            refund.put("id", "re_" + digest(request.getHeader("Idempotency-Key")))
                    .put("amount", Long.parseLong(form.get("amount")))
                    .put("currency", intent == null ? "eur" : intent.get("currency").asText())
                    .put("payment_intent", intentId).put("status", "succeeded");
            return ok(refund);
        }

        private static ObjectNode create(LoggedRequest request, Map<String, String> form) {
            // Stripe answers a repeated idempotency key with the first answer: so does the double
            String id = "pi_" + digest(request.getHeader("Idempotency-Key"));
            return INTENTS.computeIfAbsent(id, key -> {
                ObjectNode intent = fixture("payment_intent");
                intent.put("id", key).put("client_secret", key + "_secret_" + random())
                        .put("created", System.nanoTime())
                        .put("amount", Long.parseLong(form.get("amount"))).put("amount_received", 0)
                        .put("currency", form.get("currency")).put("status", "requires_payment_method");
                intent.putNull("last_payment_error").putNull("next_action").putNull("processing")
                        .putNull("canceled_at");
                ObjectNode metadata = intent.putObject("metadata");
                form.forEach((name, value) -> {
                    if (name.startsWith("metadata[")) {
                        metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
                    }
                });
                return intent;
            });
        }

        private static ResponseDefinition ok(ObjectNode body) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_" + random()).withBody(body.toString()).build();
        }

        private static ResponseDefinition error(int status, String code, String message) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("type", "invalid_request_error").put("code", code).put("message", message);
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(error.toString()).build();
        }

        private static String digest(String key) {
            return HexFormat.of().formatHex(Arrays.copyOf(
                    sha256(key == null ? random() : key), 12));
        }

        private static byte[] sha256(String text) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
