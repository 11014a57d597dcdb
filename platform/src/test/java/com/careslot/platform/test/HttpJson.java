package com.careslot.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A real HTTP client for tests, speaking JSON to one running service the way any other client would. */
public final class HttpJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** The header a write answers with and a read sends to see that write (read-your-writes). */
    public static final String POSITION = "X-Careslot-Position";

    private final String baseUrl;
    private final String bearer;
    private final String position;

    public HttpJson(String baseUrl) {
        this(baseUrl, null, null);
    }

    private HttpJson(String baseUrl, String bearer, String position) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.position = position;
    }

    public static HttpJson onPort(int port) {
        return new HttpJson("http://localhost:" + port);
    }

    /** The same server, sending {@code Authorization: Bearer <accessToken>}. */
    public HttpJson as(String accessToken) {
        return new HttpJson(baseUrl, accessToken, position);
    }

    /** The same server and caller, reading no older than the given write: its reads wait until they can see it. */
    public HttpJson after(Response write) {
        String writtenAt = write.header(POSITION);
        if (writtenAt == null) {
            throw new AssertionError("The write answered without " + POSITION + ": " + write);
        }
        return new HttpJson(baseUrl, bearer, writtenAt);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, String body) {
        return send(withBody("POST", path, body));
    }

    public Response patch(String path, String body) {
        return send(withBody("PATCH", path, body));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** Any request, for tests that need odd headers or methods. */
    public Response send(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (position != null) {
            request.header(POSITION, position);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            try {
                return new Response(CLIENT.send(built, HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // The server closed a kept-alive connection just as the request went out on it, so it never read the
                // request (not one byte came back): sent again on a new connection, as HTTP clients do. A request that
                // itself breaks the server fails the same way twice and is reported.
                return new Response(CLIENT.send(built, HttpResponse.BodyHandlers.ofString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder withBody(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public JsonNode json() {
            String body = raw.body();
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
