package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * The database goes silent under a running system (its processes are paused with SIGSTOP, as a hung or unreachable
 * server looks to a client) and comes back: meanwhile requests answer 503 with Retry-After within a bounded time,
 * never 500 and never hanging, readiness reports down; afterwards everything recovers by itself and nothing is lost.
 */
class DatabaseOutageIT {

    private static final int SOCKET_TIMEOUT_SECONDS = 8;

    @TempDir
    Path directory;
    PackagedJar jar;
    List<Long> paused = List.of();

    @BeforeEach
    void prepare() throws IOException {
        jar = new PackagedJar(directory);
    }

    @AfterEach
    void stop() throws Exception {
        signal("-CONT", paused);
        jar.stopGracefully();
    }

    @Test
    void whileTheDatabaseIsSilentRequestsAnswer503AndAfterwardsEverythingRecoversByItself() throws Exception {
        // The socket timeout is the bound of a statement the silent database never answers (30 s in production):
        // 8 s here proves the same bound in a quarter of the suite's time.
        jar.start("outage", "--careslot.admin.email=" + TestAccounts.ADMIN_EMAIL,
                "--careslot.admin.password=" + TestAccounts.ADMIN_PASSWORD,
                "--spring.datasource.hikari.data-source-properties.socketTimeout=" + SOCKET_TIMEOUT_SECONDS);
        HttpJson api = HttpJson.onPort(jar.port());
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 9);

        paused = postgresProcesses();
        signal("-STOP", paused);
        long started = System.nanoTime();
        HttpJson.Response refused = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        HttpJson.Response readiness = api.get("/actuator/health/readiness");
        HttpJson.Response read = api.get("/api/slots/" + slotId);
        signal("-CONT", paused);
        paused = List.of();

        SlotApiTest.assertProblem(refused, 503, "database-unavailable");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(answeredIn).as("a bounded wait, not a hang")
                .isLessThan(Duration.ofSeconds(SOCKET_TIMEOUT_SECONDS + 15));
        assertThat(readiness.status()).isEqualTo(503);
        SlotApiTest.assertProblem(read, 503, "database-unavailable");

        long resumed = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/actuator/health/readiness").status() == 200);
        System.out.printf("DatabaseOutageIT: refused with 503 after %d ms; ready again %d ms after the database came back%n",
                answeredIn.toMillis(), Duration.ofNanos(System.nanoTime() - resumed).toMillis());
        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        HttpJson.Response seen = asPatient.after(booked).get("/api/slots/" + slotId);
        assertThat(seen.json().get("status").asText()).isEqualTo("BOOKED");
        assertThat(seen.header("X-Careslot-Stale")).isNull();
        // The outage is answered, not thrown: no servlet failure with its stack trace per request (the booking above
        // was its patient's first write, so its rate-limit bucket had to be read from the silent database).
        assertThat(Files.readString(directory.resolve("outage.log"))).doesNotContain("Unexpected failure")
                .doesNotContain("threw exception");
    }

    /** The embedded PostgreSQL's postmaster (its pid opens postmaster.pid) and every backend it started. */
    private List<Long> postgresProcesses() throws IOException {
        Path pidFile;
        try (Stream<Path> files = Files.walk(directory)) {
            pidFile = files.filter(file -> file.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .orElseThrow();
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
