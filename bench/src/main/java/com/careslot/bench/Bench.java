package com.careslot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.careslot.bench.Fixtures.Doctor;
import com.careslot.bench.Fixtures.Patient;
import com.careslot.bench.Fixtures.Slot;

/**
 * Issue 10's benchmark: starts the packaged {@code standalone} against a fresh PostgreSQL database, makes its data
 * through the public API, measures (a)–(g) and appends a dated table to {@code docs/BENCHMARKS.md}. Options: see
 * {@link Options}; {@code --bookings=50 --slots=5000 --events=20000 …} make a quick run.
 */
public final class Bench {

    private final Options options;
    private final Report report;

    Bench(Options options) {
        this.options = options;
        this.report = new Report(options);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = new Bench(options).run();
        // The report is this command's output (it is also appended to docs/BENCHMARKS.md); progress goes to the log.
        System.out.println(report.markdown());
    }

    static void log(String message) {
        System.err.println(Instant.now() + " bench: " + message);
    }

    Report run() throws IOException {
        Files.createDirectories(options.workDir());
        Database database = new Database(options);
        database.recreate();
        report.postgres = database.serverVersion();
        String pgbenchMissing = options.pgbenchSeconds() <= 0 ? "not asked for (--pgbench-seconds=0)"
                : PgBench.unavailable();

        try (Standalone app = new Standalone(options)) {
            log("starting " + options.jar() + " on an empty database");
            report.startEmpty = app.start("standalone-1");
            report.rssEmpty = app.residentMiB()[0];
            Api api = new Api(app.port());
            Fixtures fixtures = new Fixtures(api);
            fixtures.signInAdmin();

            // Plan every booking run first: how many slots the bench doctors must open, how many patients sign up.
            int warmupClients = Math.min(16, options.maxClients());
            int perRun = options.bookings();
            // The JVM restarted on the full store books as many slots before (g) as the first one had before its
            // (a) runs at the same client count, so that (g) compares equally warmed-up JVMs.
            int growthWarmupSize = options.warmup() + 2 * perRun
                    * (int) options.clients().stream().filter(c -> c < options.growthClients()).count();
            int needed = options.warmup() + growthWarmupSize + 2 * perRun * options.clients().size()
                    + options.lagSamples() + 2 * perRun + options.contentionRounds() + options.e2eBookings();
            int days = Math.max(2, Math.min(40, (int) Math.ceil(needed * 1.5 / Fixtures.SLOTS_PER_DAY)));
            int benchDoctors = Math.max(1, (int) Math.ceil(needed * 1.5 / (days * Fixtures.SLOTS_PER_DAY)));
            log("onboarding " + benchDoctors + " bench doctors with " + days + " days of availability each");
            List<Slot> all = new ArrayList<>();
            List<List<Slot>> perDoctor = new ArrayList<>();
            for (int i = 0; i < benchDoctors; i++) {
                perDoctor.add(null);
            }
            Parallel.run(4, benchDoctors, i -> perDoctor.set(i, fixtures.benchDoctor(i, days)));
            perDoctor.forEach(all::addAll);
            SlotPool pool = new SlotPool(all);

            List<Plan> plans = new ArrayList<>();
            Plan warmup = Plan.of("warm-up", "random", pool.random(options.warmup()), warmupClients);
            for (int clients : options.clients()) {
                plans.add(Plan.of("a", "adjacent", pool.adjacent(perRun), clients));
                plans.add(Plan.of("a", "random", pool.random(perRun), clients));
            }
            Plan lagPlan = Plan.of("d", "random", pool.random(options.lagSamples()), 1);
            Plan e2ePlan = Plan.of("h", "random", pool.random(options.e2eBookings()), options.e2eClients());
            Plan growthWarmup = Plan.of("warm-up", "random", pool.random(growthWarmupSize), warmupClients);
            List<Plan> growth = List.of(
                    Plan.of("g", "adjacent", pool.adjacent(perRun), options.growthClients()),
                    Plan.of("g", "random", pool.random(perRun), options.growthClients()));
            List<Slot> contested = pool.distinctTimes(options.contentionRounds());
            int patientsNeeded = warmup.patientsNeeded() + lagPlan.patientsNeeded() + options.contenders()
                    + e2ePlan.patientsNeeded()
                    + plans.stream().mapToInt(Plan::patientsNeeded).sum()
                    + growth.stream().mapToInt(Plan::patientsNeeded).sum() + growthWarmup.patientsNeeded();
            log("signing up " + patientsNeeded + " patients");
            long t = System.nanoTime();
            List<Patient> patients = fixtures.patients(patientsNeeded, 6);
            log("signed up in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            Iterator<Patient> fresh = patients.iterator();

            Load load = new Load(app.port());
            report.loadAt("a");
            log("warm-up: " + warmup.bookings() + " bookings, " + warmupClients + " clients");
            report.warmup = load.bookings(warmup, warmup.bookings(fresh));
            BulkSeed processors = new BulkSeed(options, database);
            app.recorded("a", () -> {
                for (Plan plan : plans) {
                    waitUntilIdle(processors, options);
                    Load.Run run = load.bookings(plan, plan.bookings(fresh));
                    log("(a) " + run.clients() + " clients " + run.pattern() + ": "
                            + String.format("%.0f/s", run.rate()) + ", refused " + run.refusals());
                    report.bookings.add(run);
                }
                return null;
            });
            report.rssAfterLoad = app.residentMiB();

            report.loadAt("b");
            List<Patient> contenders = new ArrayList<>();
            for (int i = 0; i < options.contenders(); i++) {
                contenders.add(fresh.next());
            }
            app.recorded("b", () -> {
                // Round 0, the control: the same clients read the first contested slot at once instead of booking it
                for (int round = 0; round <= contested.size(); round++) {
                    waitUntilIdle(processors, options);
                    Load.Contention c = load.contention(round, contested.get(Math.max(0, round - 1)), contenders,
                            round > 0);
                    log("(b) " + (round == 0 ? "control round (reads)" : "round " + round) + ": " + c.answers()
                            + " in " + Latencies.ms(c.allAnsweredMillis()) + " ms; reads meanwhile: "
                            + c.reads().count() + ", p99 " + Latencies.ms(c.reads().percentileMillis(99)) + " ms");
                    report.contention.add(c);
                }
                return null;
            });

            waitUntilIdle(processors, options);
            report.loadAt("d");
            log("(d) projection lag, " + lagPlan.bookings() + " samples");
            report.lag = app.recorded("d", () -> load.lag(lagPlan.bookings(fresh).get(0)));

            if (options.e2eSeconds() > 0 && e2ePlan.bookings() > 0) {
                waitUntilIdle(processors, options);
                report.loadAt("h");
                log("(h) end to end: " + options.e2eClients() + " clients for " + options.e2eSeconds() + " s");
                report.endToEnd = app.recorded("h", () -> new EndToEnd(database, options).run(load, e2ePlan, fresh,
                        Duration.ofSeconds(options.e2eSeconds()), app.pid()));
                log("(h) " + report.endToEnd.run().booked() + " bookings done end to end in "
                        + String.format("%.1f s: %.0f/s", report.endToEnd.doneSeconds(), report.endToEnd.rate()));
            }

            log("onboarding " + Math.max(0, options.doctors() - benchDoctors) + " more doctors for the directory");
            List<Doctor> directory = new ArrayList<>();
            int more = Math.max(0, options.doctors() - benchDoctors);
            Doctor[] onboarded = new Doctor[more];
            Parallel.run(6, more, i -> onboarded[i] = fixtures.onboard(benchDoctors + i, "doctor-"));
            directory.addAll(List.of(onboarded));

            log("waiting for the event processors (the mails of the runs above) to finish");
            long idle = System.nanoTime();
            waitUntilIdle(new BulkSeed(options, database), options);
            log("idle after " + (System.nanoTime() - idle) / 1_000_000 + " ms");
            app.stop();

            if (pgbenchMissing == null) {
                report.loadAt("e");
                log("(e) pgbench: filling " + options.pgbenchEvents() + " events");
                PgBench pgbench = new PgBench(options, database);
                pgbench.prepare(options.pgbenchEvents());
                for (int clients : options.clients()) {
                    PgBench.Result r = pgbench.run(clients, options.pgbenchEvents(), options.pgbenchSeconds());
                    log("(e) " + clients + " clients: " + String.format("%.0f tps", r.tps()));
                    report.pgbench.add(r);
                }
                pgbench.drop();
            } else {
                report.pgbenchSkipped = pgbenchMissing;
                log("(e) skipped: " + pgbenchMissing);
            }

            log("bulk seed: " + options.slots() + " slots, " + options.events() + " events");
            BulkSeed seed = new BulkSeed(options, database);
            report.seed = seed.seed(directory.stream().map(Doctor::doctorId).toList(),
                    patients.subList(0, Math.min(200, patients.size())).stream().map(Patient::patientId).toList(),
                    options.slots(), options.events(), Bench::log);
            report.slotsInReadModel = database.queryLong("select count(*) from query_side.slot");
            report.doctorsInReadModel = database.queryLong("select count(*) from query_side.doctor");
            report.eventsInStore = database.queryLong("select count(*) from event_store.domain_event_entry");
            log("seeded in " + String.format("%.0f s", report.seed.seconds()) + ": " + report.eventsInStore
                    + " events, " + report.slotsInReadModel + " slots");

            log("restarting on the full store");
            report.startFull = app.start("standalone-2");
            report.rssFull = app.residentMiB()[0];
            Api restarted = new Api(app.port());
            report.seedCheck = checkSeededSlot(restarted, database, contenders.get(0));

            report.loadAt("g");
            log("warm-up before (g): " + growthWarmup.bookings() + " bookings");
            report.growthWarmup = new Load(app.port()).bookings(growthWarmup, growthWarmup.bookings(fresh));
            for (Plan plan : growth) {
                waitUntilIdle(seed, options);
                Load.Run run = new Load(app.port()).bookings(plan, plan.bookings(fresh));
                log("(g) " + run.clients() + " clients " + run.pattern() + ": " + String.format("%.0f/s", run.rate())
                        + ", refused " + run.refusals());
                report.growth.add(run);
            }
            // (c) last, on the JVM warmed up by (g): measured right after the restart, it measured the JIT.
            List<Doctor> everyone = new ArrayList<>(directory);
            everyone.addAll(fixtures.benchDoctors);
            waitUntilIdle(seed, options);
            report.loadAt("c");
            log("(c) queries");
            report.queries = new Queries(app.port()).measure(everyone, options.queries());
            report.rssEnd = app.residentMiB();

            if (options.replay()) {
                report.loadAt("i");
                log("(i) replay: every read model rebuilt from " + report.eventsInStore + " events");
                report.replay = new Replay(database, options).run(app);
                log("(i) " + report.replay.events() + " events in " + String.format("%.1f s: %.0f events/s",
                        report.replay.seconds(), report.replay.rate()));
            }
        }
        report.append();
        return report;
    }

    /**
     * A seeded slot through the application: the command side loads its seeded stream (a hold and a release through
     * the API) and the read model answers it FREE again afterwards.
     */
    private static String checkSeededSlot(Api api, Database database, Patient patient) {
        String slotId = database.queryText("select aggregate_identifier from event_store.domain_event_entry "
                + "where payload_type = 'com.careslot.api.slot.HoldReleased' order by global_index desc limit 1");
        if (slotId == null) {
            return "no seeded slot to check";
        }
        api.post("/api/slots/" + slotId + "/hold", patient.token(), null).expect(201);
        api.delete("/api/slots/" + slotId + "/hold", patient.token()).expect(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            long events = database.queryLong("select count(*) from event_store.domain_event_entry "
                    + "where aggregate_identifier = '" + slotId + "'");
            if ("FREE".equals(api.get("/api/slots/" + slotId, null).json().path("status").asText())
                    && database.queryLong("select count(*) from notification.audit_entry where aggregate_id = '"
                    + slotId + "'") == events) {
                return "seeded slot " + slotId + " held and released through the API: " + events
                        + " events, read model FREE, audit trail complete";
            }
            Standalone.pause(50);
        }
        throw new IllegalStateException("the seeded slot " + slotId + " did not come back FREE with its audit trail");
    }

    /**
     * Waits until every processor is done with what was written so far: no token has moved over two looks
     * {@code --settle-ms} apart. The mail processor may take minutes to send the mails of the runs above; it is waited
     * for too, so the bulk seed that follows skips nothing that was owed, and so no measured run pays for the mails
     * and projections of the one before it.
     */
    private static void waitUntilIdle(BulkSeed seed, Options options) {
        String before = seed.tokens();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the event processors did not settle within 15 minutes");
            }
            Standalone.pause(options.settleMillis());
            String now = seed.tokens();
            quiet = now.equals(before) ? quiet + 1 : 0;
            before = now;
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
