package com.careslot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The figures of one run, as the dated Markdown section appended to {@code docs/BENCHMARKS.md}. */
final class Report {

    private final Options options;
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    String postgres;
    final java.util.Map<String, String> load = new java.util.LinkedHashMap<>();
    Duration startEmpty;
    Duration startFull;
    long rssEmpty;
    long rssFull;
    long[] rssAfterLoad = {-1, -1};
    long[] rssEnd = {-1, -1};
    Load.Run warmup;
    Load.Run growthWarmup;
    final List<Load.Run> bookings = new ArrayList<>();
    final List<Load.Contention> contention = new ArrayList<>();
    Load.Lag lag;
    final List<PgBench.Result> pgbench = new ArrayList<>();
    String pgbenchSkipped;
    BulkSeed.Result seed;
    long slotsInReadModel;
    long doctorsInReadModel;
    long eventsInStore;
    String seedCheck;
    List<Queries.Result> queries = List.of();
    final List<Load.Run> growth = new ArrayList<>();
    EndToEnd.Result endToEnd;
    Replay.Result replay;

    Report(Options options) {
        this.options = options;
    }

    /** Refusals of bookings that nobody else wanted, over (a), (g) and the warm-up: must be 0. */
    int refusals() {
        int refused = (warmup == null ? 0 : warmup.refused()) + (growthWarmup == null ? 0 : growthWarmup.refused())
                + (endToEnd == null ? 0 : endToEnd.run().refused());
        for (Load.Run run : bookings) {
            refused += run.refused();
        }
        for (Load.Run run : growth) {
            refused += run.refused();
        }
        return refused;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("\n## ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        if (!options.label().isBlank()) {
            md.append(" — ").append(options.label());
        }
        md.append("\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(", ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", PostgreSQL ").append(postgres)
                .append(", ").append(os()).append(".  \n");
        md.append("Command: `").append(options.command()).append("`");
        if (!options.jvmOptions().isBlank()) {
            md.append(" (standalone JVM options `").append(options.jvmOptions()).append("`)");
        }
        md.append(".  \nLoad average (1 min) of the machine when each part began: ").append(load)
                .append(" (2.0 = both cores busy; anything above what the benchmark itself adds is another user).");
        md.append("  \nRefusals of bookings nobody else wanted, over every run: **").append(refusals())
                .append("**.\n\n");

        md.append("### (a) Booking over HTTP, distinct free slots, one patient per client at a time\n\n");
        md.append("| clients | slots | bookings | refused | bookings/s | p50 ms | p95 ms | p99 ms | pgbench tps | ours ÷ pgbench |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Load.Run run : bookings) {
            Optional<PgBench.Result> limit = pgbench.stream().filter(r -> r.clients() == run.clients()).findFirst();
            md.append(row(run)).append(limit.map(r -> String.format(" %.0f | %.0f%% |", r.tps(),
                    100 * run.rate() / r.tps())).orElse(" – | – |")).append('\n');
        }
        if (warmup != null) {
            md.append("\nBefore them, a warm-up (not counted): ").append(warmup.bookings()).append(" random bookings by ")
                    .append(warmup.clients()).append(" clients, ").append(String.format("%.0f/s", warmup.rate()))
                    .append(", refused ").append(warmup.refused()).append(".\n");
        }
        refusalDetails(md, bookings);

        md.append("\n### (b) Contention: ").append(options.contenders()).append(" clients book one slot at once\n\n");
        md.append("The control row comes first: the same clients, each on its open connection, send one authenticated "
                + "read of the slot at once — what this machine's HTTP stack alone needs for that many requests.\n\n");
        md.append("| round | clients | winners | answers | all answered after ms | p50 ms | p99 ms | reads meanwhile "
                + "(" + Load.READERS + " clients) | reads p50 ms | reads p99 ms |\n");
        md.append("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Load.Contention c : contention) {
            md.append("| ").append(c.round() == 0 ? "control: each reads the slot" : c.round()).append(" | ")
                    .append(c.clients()).append(" | ").append(c.winners())
                    .append(" | ").append(c.answers()).append(" | ").append(Latencies.ms(c.allAnsweredMillis()))
                    .append(" | ").append(Latencies.ms(c.latencies().percentileMillis(50))).append(" | ")
                    .append(Latencies.ms(c.latencies().percentileMillis(99))).append(" | ")
                    .append(c.reads().count()).append(c.readErrors() == 0 ? "" : " (" + c.readErrors() + " not 200)")
                    .append(" | ").append(Latencies.ms(c.reads().percentileMillis(50))).append(" | ")
                    .append(Latencies.ms(c.reads().percentileMillis(99))).append(" |\n");
        }

        md.append("\n### (c) Queries with ").append(slotsInReadModel).append(" slots and ").append(doctorsInReadModel)
                .append(" doctors in the read model (one client, ").append(options.queries())
                .append(" requests each after 100 unmeasured)\n\n");
        md.append("| query | example | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Queries.Result q : queries) {
            md.append("| ").append(q.name()).append(" | `").append(q.example().replaceAll("[0-9a-f-]{36}", "…"))
                    .append("` | ").append(Latencies.ms(q.latencies().percentileMillis(50))).append(" | ")
                    .append(Latencies.ms(q.latencies().percentileMillis(95))).append(" | ")
                    .append(Latencies.ms(q.latencies().percentileMillis(99))).append(" | ")
                    .append(Latencies.ms(q.latencies().maxMillis())).append(" | ").append(q.errors()).append(" |\n");
        }

        md.append("\n### (d) Projection lag: booking's 201 → `GET /api/slots/{id}` shows it BOOKED\n\n");
        if (lag != null) {
            md.append("Polled without pause and without `X-Careslot-Position` (so the server never waits), ")
                    .append(lag.samples()).append(" bookings one after another: p50 ")
                    .append(Latencies.ms(lag.latencies().percentileMillis(50))).append(" ms, p95 ")
                    .append(Latencies.ms(lag.latencies().percentileMillis(95))).append(" ms, p99 ")
                    .append(Latencies.ms(lag.latencies().percentileMillis(99))).append(" ms, max ")
                    .append(Latencies.ms(lag.latencies().maxMillis())).append(" ms; not visible within 10 s: ")
                    .append(lag.stale()).append(".\n");
        }

        if (endToEnd != null) {
            Load.Run run = endToEnd.run();
            Optional<PgBench.Result> limit = pgbench.stream().filter(r -> r.clients() == run.clients()).findFirst();
            md.append("\n### (h) End to end: ").append(run.clients()).append(" clients book for ")
                    .append(options.e2eSeconds()).append(" s; a booking counts once its slot view, appointment view, ")
                    .append("audit row and confirmation mail are all done\n\n");
            md.append("| clients | bookings | refused | answered within s | all done after s | bookings/s end to end | "
                    + "p50 ms | p99 ms | pgbench tps | ours ÷ pgbench |\n");
            md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            md.append("| ").append(run.clients()).append(" | ").append(run.booked()).append(" | ").append(run.refused())
                    .append(" | ").append(String.format("%.1f", run.seconds())).append(" | ")
                    .append(String.format("%.1f", endToEnd.doneSeconds())).append(" | ")
                    .append(String.format("%.0f", endToEnd.rate())).append(" | ")
                    .append(Latencies.ms(run.latencies().percentileMillis(50))).append(" | ")
                    .append(Latencies.ms(run.latencies().percentileMillis(99))).append(" |")
                    .append(limit.map(r -> String.format(" %.0f | %.0f%% |", r.tps(), 100 * endToEnd.rate() / r.tps()))
                            .orElse(" – | – |")).append('\n');
            md.append(String.format("%nCPU per booking, end to end (from the start until the last booking was done): "
                    + "standalone's JVM **%.1f ms**, PostgreSQL **%.1f ms** (the benchmark's own clients, on the same "
                    + "machine, not counted).%n", endToEnd.jvmMillisPerBooking(), endToEnd.postgresMillisPerBooking()));
            md.append("\nEvents each processor's slowest segment trailed the store's head (").append(endToEnd.headAtEnd())
                    .append(") when the last booking was answered: ").append(endToEnd.trailingAtEnd()).append(".\n");
            refusalDetails(md, List.of(run));
        }

        md.append("\n### (e) pgbench: the SQL of one booking on a copy of the event table holding ")
                .append(options.pgbenchEvents()).append(" events\n\n");
        if (pgbenchSkipped != null) {
            md.append("Skipped: ").append(pgbenchSkipped).append(".\n");
        } else {
            md.append("| clients | tps | p50 ms | p95 ms | p99 ms | transactions | failed |\n");
            md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (PgBench.Result r : pgbench) {
                md.append("| ").append(r.clients()).append(" | ").append(String.format("%.0f", r.tps())).append(" | ")
                        .append(Latencies.ms(r.latencies().percentileMillis(50))).append(" | ")
                        .append(Latencies.ms(r.latencies().percentileMillis(95))).append(" | ")
                        .append(Latencies.ms(r.latencies().percentileMillis(99))).append(" | ")
                        .append(r.transactions()).append(" | ").append(r.failed()).append(" |\n");
            }
            md.append("\n").append(options.pgbenchSeconds()).append(" s per client count, `-M prepared`, ")
                    .append("standalone stopped meanwhile.\n");
        }

        md.append("\n### (f) Start-up (process start → readiness 200) and resident memory\n\n");
        md.append("| store | start-up s | RSS at ready MiB |\n| --- | ---: | ---: |\n");
        md.append("| empty database (migrations included) | ").append(seconds(startEmpty)).append(" | ")
                .append(rssEmpty).append(" |\n");
        md.append("| ").append(eventsInStore).append(" events, ").append(slotsInReadModel).append(" slots | ")
                .append(seconds(startFull)).append(" | ").append(rssFull).append(" |\n");
        md.append("\nRSS after (a)–(d): ").append(rssAfterLoad[0]).append(" MiB (peak ").append(rssAfterLoad[1])
                .append(" MiB); after (g): ").append(rssEnd[0]).append(" MiB (peak ").append(rssEnd[1])
                .append(" MiB).\n");

        md.append("\n### (g) Growth: (a) at ").append(options.growthClients()).append(" clients with ")
                .append(eventsInStore).append(" events in the store and ").append(slotsInReadModel)
                .append(" slots in the read model\n\n");
        md.append("| clients | slots | bookings | refused | bookings/s | p50 ms | p95 ms | p99 ms | empty-store bookings/s | ratio |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Load.Run run : growth) {
            Optional<Load.Run> empty = bookings.stream()
                    .filter(b -> b.clients() == run.clients() && b.pattern().equals(run.pattern())).findFirst();
            md.append(row(run)).append(empty.map(e -> String.format(" %.0f | %.0f%% |", e.rate(),
                    100 * run.rate() / e.rate())).orElse(" – | – |")).append('\n');
        }
        if (growthWarmup != null) {
            md.append("\nBefore them, on the restarted JVM, a warm-up (not counted): ").append(growthWarmup.bookings())
                    .append(" random bookings by ").append(growthWarmup.clients()).append(" clients, ")
                    .append(String.format("%.0f/s", growthWarmup.rate())).append(", refused ")
                    .append(growthWarmup.refused()).append(".\n");
        }
        refusalDetails(md, growth);
        if (seed != null) {
            md.append("\nSeeded by SQL (docs/BENCHMARKS.md, \"Bulk fixtures\"): ").append(seed.slotsSeeded())
                    .append(" slots and ").append(seed.eventsSeeded()).append(" events in ")
                    .append(String.format("%.0f", seed.seconds())).append(" s. Check: ").append(seedCheck)
                    .append(".\n");
        }
        if (replay != null) {
            md.append("\n### (i) Replay: every read model rebuilt from ").append(replay.events())
                    .append(" events\n\n");
            md.append("The query side's tables, the audit trail and the mail recipients emptied and the tokens of ")
                    .append(Replay.PROCESSORS.size()).append(" processors (").append(String.join(", ", Replay.PROCESSORS))
                    .append(") deleted with standalone stopped, then started again. From the process start until ")
                    .append("every segment had passed the last event: ").append(String.format("%.1f s", replay.totalSeconds()))
                    .append(" (readiness answered after ").append(seconds(replay.startUp())).append(" s); from the first ")
                    .append("event a rebuilt processor handled: **").append(String.format("%.1f s, %.0f events/s",
                            replay.seconds(), replay.rate())).append("**.\n");
        }
        return md.toString();
    }

    private static String row(Load.Run run) {
        return "| " + run.clients() + " | " + run.pattern() + " | " + run.booked() + " | " + run.refused() + " | "
                + String.format("%.0f", run.rate()) + " | " + Latencies.ms(run.latencies().percentileMillis(50))
                + " | " + Latencies.ms(run.latencies().percentileMillis(95)) + " | "
                + Latencies.ms(run.latencies().percentileMillis(99)) + " |";
    }

    private static void refusalDetails(StringBuilder md, List<Load.Run> runs) {
        for (Load.Run run : runs) {
            if (run.refused() > 0) {
                md.append("\nRefused at ").append(run.clients()).append(" clients ").append(run.pattern()).append(": ")
                        .append(run.refusals()).append('\n');
            }
        }
    }

    private static String seconds(Duration d) {
        return d == null ? "–" : String.format("%.1f", d.toMillis() / 1000.0);
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "memory unknown";
    }

    private static String os() {
        try {
            return "Debian " + Files.readString(Path.of("/etc/debian_version")).strip();
        } catch (IOException e) {
            return System.getProperty("os.name");
        }
    }

    /** Notes the machine's 1-minute load average as {@code part} begins. */
    void loadAt(String part) {
        try {
            load.put(part, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            load.put(part, "?");
        }
    }

    void append() throws IOException {
        Path file = options.report();
        if (!Files.exists(file)) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, "# Benchmarks\n");
        }
        Bench.append(file, markdown());
    }
}
