package com.careslot.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, {@code --name=value} on the command line; every one has the full run's default, so a
 * plain run measures what issue 10 asks for and smaller values make a quick run.
 */
record Options(
        Path jar,
        String dbHost, int dbPort, String dbUser, String dbPassword, String dbName,
        List<Integer> clients,
        int bookings,
        int warmup,
        int contenders, int contentionRounds,
        int doctors, int slots, long events,
        int queries,
        int lagSamples,
        int pgbenchSeconds, int pgbenchEvents,
        int growthClients,
        int e2eClients, int e2eSeconds, int e2eBookings,
        boolean replay,
        int settleMillis,
        String jvmOptions,
        String jfr,
        Path report,
        Path workDir,
        String label,
        String command) {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("jar", "standalone/target/careslot.jar");
        d.put("db-host", "127.0.0.1");
        d.put("db-port", "5432");
        d.put("db-user", "postgres");
        d.put("db-password", "");
        d.put("db-name", "careslot_bench");
        d.put("clients", "1,16,64");
        d.put("bookings", "1000");
        d.put("warmup", "500");
        d.put("contenders", "1000");
        d.put("contention-rounds", "3");
        d.put("doctors", "2000");
        d.put("slots", "1000000");
        d.put("events", "10000000");
        d.put("queries", "1000");
        d.put("lag-samples", "500");
        d.put("pgbench-seconds", "20");
        d.put("pgbench-events", "1000000");
        d.put("growth-clients", "16");
        // (h) end to end: this many clients book for this long, from at most this many planned slots
        d.put("e2e-clients", "16");
        d.put("e2e-seconds", "60");
        d.put("e2e-bookings", "8000");
        // (i) rebuild every read model from the whole store at the end of the run
        d.put("replay", "true");
        // processors count as idle when no token has moved over two looks this far apart
        d.put("settle-ms", "1000");
        d.put("jvm-options", "");
        d.put("jfr", "");
        d.put("report", "docs/BENCHMARKS.md");
        d.put("work-dir", "bench/target/run");
        d.put("label", "");
        return d;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, not " + arg + "; names: " + DEFAULTS.keySet());
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; names: " + DEFAULTS.keySet());
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return new Options(
                Path.of(values.get("jar")),
                values.get("db-host"), Integer.parseInt(values.get("db-port")), values.get("db-user"),
                values.get("db-password"), values.get("db-name"),
                Arrays.stream(values.get("clients").split(",")).map(String::trim).map(Integer::parseInt).toList(),
                Integer.parseInt(values.get("bookings")),
                Integer.parseInt(values.get("warmup")),
                Integer.parseInt(values.get("contenders")), Integer.parseInt(values.get("contention-rounds")),
                Integer.parseInt(values.get("doctors")), Integer.parseInt(values.get("slots")),
                Long.parseLong(values.get("events")),
                Integer.parseInt(values.get("queries")),
                Integer.parseInt(values.get("lag-samples")),
                Integer.parseInt(values.get("pgbench-seconds")), Integer.parseInt(values.get("pgbench-events")),
                Integer.parseInt(values.get("growth-clients")),
                Integer.parseInt(values.get("e2e-clients")), Integer.parseInt(values.get("e2e-seconds")),
                Integer.parseInt(values.get("e2e-bookings")),
                Boolean.parseBoolean(values.get("replay")),
                Integer.parseInt(values.get("settle-ms")),
                values.get("jvm-options"),
                values.get("jfr"),
                Path.of(values.get("report")),
                Path.of(values.get("work-dir")),
                values.get("label"),
                "java -jar bench/target/careslot-bench.jar" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    int maxClients() {
        return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
