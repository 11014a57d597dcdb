package com.careslot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The benchmark with tiny counts, so it cannot rot: the packaged jar against the test's own embedded PostgreSQL (no
 * local server needed), every section of the report present, no booking refused, one winner per contended slot.
 * Without pgbench on the PATH section (e) says it was skipped.
 */
@EnabledIfSystemProperty(named = "careslot.long-runs", matches = "true",
        disabledReason = "a long run: the whole benchmark at tiny sizes, about 100 s; "
                + "./mvnw verify -Dcareslot.long-runs=true")
class BenchSmokeIT {

    static EmbeddedPostgres postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void aTinyRunReportsEverySectionWithoutRefusals() throws Exception {
        Path reportFile = work.resolve("BENCHMARKS.md");
        Options options = Options.parse("--jar=" + System.getProperty("careslot.jar", "../standalone/target/careslot.jar"),
                "--db-host=localhost", "--db-port=" + postgres.getPort(), "--db-name=careslot_smoke",
                "--clients=1,4", "--bookings=20", "--warmup=10", "--contenders=20", "--contention-rounds=1",
                "--doctors=3", "--slots=1500", "--events=4000", "--queries=20", "--lag-samples=5",
                "--pgbench-seconds=2", "--pgbench-events=2000", "--growth-clients=4", "--settle-ms=250",
                // (h) small too: at its defaults (8,000 planned slots, 60 s) it opened more slots than --slots asks
                // for, and the bulk seed then had nothing to add.
                "--e2e-clients=4", "--e2e-seconds=3", "--e2e-bookings=60", "--replay=true",
                "--report=" + reportFile, "--work-dir=" + work.resolve("run"), "--label=smoke");

        Report report = new Bench(options).run();

        String markdown = Files.readString(reportFile);
        assertThat(markdown).contains("# Benchmarks", "— smoke", "(a) Booking", "(b) Contention", "(c) Queries",
                "(d) Projection lag", "(e) pgbench", "(f) Start-up", "(g) Growth", "(h) End to end",
                "(i) Replay");
        assertThat(report.refusals()).isZero();
        assertThat(report.bookings).hasSize(4).allSatisfy(run -> assertThat(run.booked()).isEqualTo(20));
        assertThat(report.growth).hasSize(2).allSatisfy(run -> assertThat(run.booked()).isEqualTo(20));
        // (b): the control round (every client one read at once), then the race.
        assertThat(report.contention).hasSize(2);
        assertThat(report.contention.get(0)).satisfies(c -> {
            assertThat(c.round()).isZero();
            assertThat(c.winners()).isZero();
            assertThat(c.answers()).containsExactly(Map.entry("200 read", 20));
        });
        assertThat(report.contention.get(1)).satisfies(c -> {
            assertThat(c.winners()).isEqualTo(1);
            assertThat(c.answers()).containsEntry("409 slot-not-free", 19);
        });
        assertThat(report.endToEnd.run().booked()).isPositive();
        assertThat(report.replay.events()).isGreaterThanOrEqualTo(report.eventsInStore);
        assertThat(report.queries).isNotEmpty().allSatisfy(q -> assertThat(q.errors()).isZero());
        assertThat(report.lag.stale()).isZero();
        assertThat(report.slotsInReadModel).isGreaterThanOrEqualTo(1500);
        assertThat(report.eventsInStore).isGreaterThanOrEqualTo(3999);
        assertThat(report.seedCheck).contains("read model FREE, audit trail complete");
        if (PgBench.unavailable() == null) {
            assertThat(report.pgbench).hasSize(2).allSatisfy(r -> assertThat(r.failed()).isZero());
        } else {
            assertThat(markdown).contains("Skipped: pgbench");
        }
    }
}
