package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * PostgreSQL stops (a fast shutdown: every session cut, new connections refused) while bookings and reads stream
 * through the gateway, stays away for {@code -Dcareslot.faults.outage-seconds} (10; the long run 30), and comes back.
 * Meanwhile every answer is a 503 with Retry-After in problem+json, none a 500 and none slower than the bounded
 * timeouts; every service's readiness says down; afterwards everything is ready again by itself and nothing answered
 * 2xx is missing.
 */
@ExtendWith(LocalCluster.class)
class DatabaseOutageUnderLoadIT {

    static final List<String> SERVICES = List.of(LocalCluster.COMMAND_SIDE_1, LocalCluster.COMMAND_SIDE_2,
            LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR);

    record Read(int status, boolean retryAfter, String contentType, long millis) {
    }

    @Test
    void requestsAnswer503DuringTheOutageAndEverythingRecoversByItself() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        int outageSeconds = FaultReport.setting("outage-seconds", 10);
        Clinic clinic = Clinic.withPatients(60);
        List<String> slots = clinic.freeSlots(FaultReport.setting("outage-slots", 600));
        HttpJson gateway = cluster.gateway();

        ConcurrentLinkedQueue<Booking> bookings = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(12);
        for (int client = 0; client < Clinic.DOCTORS; client++) {
            // Client c books doctor c's slots, one after another: never two at the same time.
            TestAccounts.Session patient = clinic.patients.get(client);
            Iterator<String> free = everyNth(slots, client, Clinic.DOCTORS).iterator();
            load.submit(() -> {
                while (running.get() && free.hasNext()) {
                    bookings.add(Booking.attempt(gateway, patient, free.next()));
                }
            });
        }
        String doctorId = clinic.doctors.get(0).accountId().toString();
        for (int client = 0; client < 4; client++) {
            load.submit(() -> {
                while (running.get()) {
                    reads.add(read(gateway, "/api/slots?doctorId=" + doctorId));
                }
            });
        }

        long stoppedAt;
        long readinessDownMillis;
        long outageMillis;
        long recoveredMillis;
        // The load stops however this ends: left running after a failed wait, its twelve clients went on booking and
        // reading through the gateway under every later test of the module.
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bookings.stream().filter(Booking::succeeded).count() >= 20);
            stoppedAt = System.nanoTime();
            cluster.stopDatabase();
            long startedAt;
            try {
                // A readiness probe waits out the pool's 5 s connection timeout before it says down: ask all at once.
                List<String> sawDown = new java.util.concurrent.CopyOnWriteArrayList<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    SERVICES.parallelStream().filter(service -> !sawDown.contains(service))
                            .filter(service -> readiness(cluster.service(service)) == 503).forEach(sawDown::add);
                    assertThat(sawDown).containsExactlyInAnyOrderElementsOf(SERVICES);
                });
                readinessDownMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
                await().pollDelay(Duration.ofMillis(Math.max(0, outageSeconds * 1000L - readinessDownMillis)))
                        .atMost(Duration.ofSeconds(outageSeconds + 1)).until(() -> true);
            } finally {
                startedAt = System.nanoTime();
                cluster.startDatabase();
            }
            outageMillis = (startedAt - stoppedAt) / 1_000_000;
            // Asked as an admin, a readiness answer names its components: a service not ready again says why
            String admin = cluster.accounts().admin().accessToken();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(SERVICES.stream().map(service -> notReady(service, cluster.service(service).as(admin)))
                            .filter(java.util.Objects::nonNull).toList()).as("services not ready again").isEmpty());
            recoveredMillis = (System.nanoTime() - startedAt) / 1_000_000;
            int bookedBeforeRecovery = (int) bookings.stream().filter(Booking::succeeded).count();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bookings.stream().filter(Booking::succeeded).count() >= bookedBeforeRecovery + 20);
        } finally {
            running.set(false);
            load.shutdown();
        }
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        List<Booking> answered = List.copyOf(bookings);
        List<Booking> won = answered.stream().filter(Booking::succeeded).toList();
        Map<Integer, Long> bookingStatuses = Booking.statuses(answered);
        Map<Integer, Long> readStatuses = reads.stream().collect(java.util.stream.Collectors.groupingBy(Read::status,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertThat(bookingStatuses.keySet()).as("bookings: booked, or 503").allMatch(s -> s == 201 || s == 503);
        assertThat(readStatuses.keySet()).as("reads: 200, or 503").allMatch(s -> s == 200 || s == 503);
        assertThat(answered.stream().filter(b -> b.status() == 503))
                .allSatisfy(b -> assertThat(b.retryAfter()).isTrue())
                .allSatisfy(b -> assertThat(b.problem()).startsWith("application/problem+json"));
        assertThat(reads.stream().filter(r -> r.status() == 503))
                .allSatisfy(r -> assertThat(r.retryAfter()).isTrue())
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        long slowest = Math.max(Booking.percentile(answered, 1.0),
                reads.stream().mapToLong(Read::millis).max().orElse(0));
        assertThat(slowest).as("no request hangs past the bounded timeouts").isLessThan(35_000);
        assertThat(bookingStatuses.getOrDefault(503, 0L)).as("the outage was felt").isPositive();

        List<String> attempted = answered.stream().map(Booking::slotId).toList();
        Map<String, List<String>> events = Ledger.bookingEvents(attempted);
        for (Booking winner : won) {
            assertThat(events.get(winner.slotId())).as("every 2xx in the event store")
                    .containsExactly(winner.appointmentId());
        }
        assertThat(Ledger.brokenStreams(attempted)).isEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> readModel = Ledger.readModel(attempted);
            events.forEach((slot, booked) -> assertThat(readModel.get(slot)).isEqualTo("BOOKED " + booked.get(0)));
        });

        FaultReport.record("PostgreSQL stopped for " + outageMillis / 1000 + " s under load", """
                load through the gateway: 8 clients booking distinct free slots, 4 clients reading a doctor's slots
                bookings: %s; reads: %s; every 503 problem+json with Retry-After
                slowest answer: %d ms (bound: Hikari connection timeout 5 s, socket timeout 30 s)
                every service's readiness down within %d ms of the stop; all ready again %d ms after PostgreSQL was back
                every 2xx booking in the event store and the read model: %d of %d; booked without a 2xx (answer lost): %d
                """.formatted(bookingStatuses, readStatuses, slowest, readinessDownMillis, recoveredMillis, won.size(),
                won.size(), events.size() - won.size()));
    }

    private static List<String> everyNth(List<String> slots, int first, int step) {
        List<String> picked = new ArrayList<>();
        for (int i = first; i < slots.size(); i += step) {
            picked.add(slots.get(i));
        }
        return picked;
    }

    /** Nothing when the service is ready, else its name and readiness answer. */
    private static String notReady(String name, HttpJson service) {
        try {
            HttpJson.Response answer = service.get("/actuator/health/readiness");
            return answer.status() == 200 ? null : name + ": " + answer.status() + " " + answer.body();
        } catch (UncheckedIOException e) {
            return name + ": " + e.getMessage();
        }
    }

    private static int readiness(HttpJson service) {
        try {
            return service.get("/actuator/health/readiness").status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private static Read read(HttpJson gateway, String path) {
        long started = System.nanoTime();
        try {
            HttpJson.Response answer = gateway.get(path);
            return new Read(answer.status(), answer.header("Retry-After") != null, answer.contentType(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (UncheckedIOException e) {
            return new Read(Booking.NO_ANSWER, false, "", (System.nanoTime() - started) / 1_000_000);
        }
    }
}
