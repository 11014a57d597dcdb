package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit export streams in constant memory (issue 7, point 4): the packaged jar, run with a 64 MB heap that dies
 * on the first OutOfMemoryError, exports 100,000 audit entries — more bytes than its whole heap — in one answer.
 */
class AuditExportIT {

    static final int ENTRIES = 100_000;
    static final String HEAP = "-Xmx64m";
    static final long HEAP_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path dataDir;
    PackagedJar jar;

    @AfterEach
    void stop() throws InterruptedException {
        jar.kill();
    }

    @Test
    void exportsAHundredThousandEntriesLargerThanItsHeap() throws Exception {
        int postgresPort = freePort();
        jar = new PackagedJar(dataDir).withJvmOptions(HEAP, "-XX:+ExitOnOutOfMemoryError");
        Path log = jar.start("export", "--careslot.db.embedded-port=" + postgresPort,
                "--careslot.admin.email=" + TestAccounts.ADMIN_EMAIL,
                "--careslot.admin.password=" + TestAccounts.ADMIN_PASSWORD);
        fillTheTrail(postgresPort);
        String adminToken = new TestAccounts(HttpJson.onPort(jar.port())).admin().accessToken();

        HttpResponse<InputStream> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + jar.port()
                                + "/api/audit/export?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z"))
                        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        ObjectMapper json = new ObjectMapper();
        long lines = 0;
        long bytes = 0;
        long lastIndex = 0;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                lines++;
                bytes += line.length() + 1;
                JsonNode entry = json.readTree(line);
                assertThat(entry.get("globalIndex").asLong()).isGreaterThan(lastIndex);
                lastIndex = entry.get("globalIndex").asLong();
            }
        }
        assertThat(lines).isEqualTo(ENTRIES);
        assertThat(lastIndex).isEqualTo(1_000_000_000L + ENTRIES);
        assertThat(bytes).as("the export is larger than the heap that served it").isGreaterThan(HEAP_BYTES);
        assertThat(HttpJson.onPort(jar.port()).get("/actuator/health").status()).isEqualTo(200);
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    /**
     * 100,000 entries of about 1.3 KB each, written straight into the trail on 2001-01-01, far from any position the
     * event store will reach, so the audit-trail processor never meets them.
     */
    private static void fillTheTrail(int postgresPort) throws Exception {
        try (Connection database = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgresPort + "/careslot", "postgres", "")) {
            database.createStatement().executeUpdate("""
                    insert into notification.audit_entry (global_index, event_id, aggregate_id, aggregate_type,
                        sequence_number, type, occurred_at, actor_id, actor_role, correlation_id, meta_data, payload)
                    select 1000000000 + i, 'export-it-' || i, md5(i::text)::uuid::text, 'Slot', 0, 'SlotOpened',
                           timestamptz '2001-01-01 00:00:00+00' + i * interval '1 millisecond',
                           md5(i::text)::uuid::text, 'DOCTOR', md5(i::text)::uuid::text, '{}'::jsonb,
                           jsonb_build_object('slotId', md5(i::text)::uuid, 'note', repeat(md5(i::text), 30))
                    from generate_series(1, %d) i""".formatted(ENTRIES));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
