package com.careslot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The public HTTP API of a running Careslot, as any client calls it: JSON over HTTP/1.1 with bearer tokens. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        /** The problem type's last segment ({@code slot-not-free}), or the status when the answer is no problem. */
        String problem() {
            try {
                JsonNode type = JSON.readTree(body).path("type");
                return type.isTextual() ? type.asText().replaceFirst(".*:", "") : "HTTP " + status;
            } catch (IOException | RuntimeException e) {
                return "HTTP " + status;
            }
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("HTTP " + status + " (expected " + expected + ") from "
                        + response.request().method() + " " + response.request().uri().getPath() + ": " + body);
            }
            return this;
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    Answer send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
