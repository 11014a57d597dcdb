package com.careslot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code standalone} as its own process (the README's run command: the launcher {@code careslot} the
 * build writes beside the jar, else {@code java -jar}), pointed at the benchmark's
 * database through {@code CARESLOT_DB_URL}. Start-up is timed from the process start to the first {@code 200} of the
 * readiness probe; resident memory is read from {@code /proc/<pid>/status}.
 */
final class Standalone implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@bench.careslot";
    static final String ADMIN_PASSWORD = "bench-admin-password";

    private final Options options;
    private final int port;
    private Process process;

    Standalone(Options options) {
        this.options = options;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the jar and answers the time until it was ready. */
    Duration start(String name) {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar().toAbsolutePath() + " is missing: build it first with "
                    + "./mvnw -q -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        // The README's start: the build's launcher beside the jar (the extracted jar with its class-data archive; it
        // execs java, so the process is the JVM), on this JVM, with the JVM options through JAVA_OPTS; without the
        // launcher, java -jar.
        Path launcher = options.jar().toAbsolutePath().resolveSibling("careslot");
        boolean launched = Files.isExecutable(launcher);
        if (launched) {
            command.add(launcher.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (!options.jvmOptions().isBlank()) {
                command.addAll(Arrays.asList(options.jvmOptions().trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", options.jar().toAbsolutePath().toString()));
        }
        command.addAll(List.of(
                "--server.port=" + port,
                "--careslot.data-dir=" + options.workDir().resolve("data").toAbsolutePath(),
                // Sign-up and sign-in of thousands of bench patients, not bookings, pay for BCrypt's cost factor.
                "--careslot.security.password-strength=4",
                // One sign-in per patient lasts the whole run, across the restart after the bulk seed.
                "--careslot.jwt.access-token-lifetime=PT6H",
                // Thousands of patients from one address, far faster than people: the limits stay on (their buckets
                // are part of a write's cost) but never refuse.
                "--careslot.rate-limits.sign-in.per-address=100000000",
                "--careslot.rate-limits.writes.per-account=100000000",
                "--careslot.rate-limits.writes.per-address=100000000"));
        Path log = options.workDir().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("SPRING_MAIL") || key.startsWith("CARESLOT_"));
        if (launched) {
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS", options.jvmOptions().trim());
        }
        env.put("CARESLOT_DB_URL", options.jdbcUrl(options.dbName()));
        env.put("CARESLOT_DB_USER", options.dbUser());
        env.put("CARESLOT_DB_PASSWORD", options.dbPassword());
        env.put("CARESLOT_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("CARESLOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        Api api = new Api(port);
        long deadline = started + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("careslot exited during start-up, see " + log.toAbsolutePath());
            }
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            pause(50);
        }
        throw new IllegalStateException("careslot was not ready within 5 minutes, see " + log.toAbsolutePath());
    }

    /**
     * With {@code --jfr=<directory>}, a JFR recording (settings {@code profile}) of the standalone JVM while
     * {@code part} runs, dumped to {@code <directory>/<part>.jfr}; otherwise just runs the part.
     */
    <T> T recorded(String part, java.util.function.Supplier<T> work) {
        if (options.jfr().isBlank()) {
            return work.get();
        }
        Path file = Path.of(options.jfr()).toAbsolutePath().resolve(part + ".jfr");
        jcmd("JFR.start", "name=" + part, "settings=profile");
        try {
            return work.get();
        } finally {
            jcmd("JFR.dump", "name=" + part, "filename=" + file);
            jcmd("JFR.stop", "name=" + part);
        }
    }

    private void jcmd(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(String.valueOf(process.pid()));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(Path.of(options.jfr()));
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** VmRSS and VmHWM (peak) of the process, in MiB. */
    long[] residentMiB() {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
            return new long[] {rss, peak};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** SIGTERM, as an operator stops it; a process that will not end within a minute is killed. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
