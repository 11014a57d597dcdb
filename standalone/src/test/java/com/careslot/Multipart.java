package com.careslot;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built part by part, as a browser's form would send it. */
final class Multipart {

    private final String boundary = "careslot-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Multipart file(String name, String fileName, String declaredType, byte[] content) {
        header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + declaredType + "\r\n");
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Multipart json(String name, String json) {
        header("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json\r\n");
        body.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    /** The request to send with {@code HttpJson.send}, which adds the bearer token of its session. */
    HttpRequest.Builder request(String method, String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes()));
    }

    private void header(String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
