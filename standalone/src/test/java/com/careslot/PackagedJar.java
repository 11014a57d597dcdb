package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The README's run command as a user runs it: the build's launcher {@code target/careslot} (the extracted jar with its
 * class-data archive) in its own process, on its own port and data directory, started and stopped as often as a test
 * needs, on the JVM that runs the test. Each start logs to {@code <name>.log} beside the data.
 */
final class PackagedJar {

    private final Path directory;
    private final int port;
    /**
     * Every test start runs with the client compiler only, as the deployment tests' services do: a test start is
     * short, and C2's compile threads would be most of its CPU on the suite's two cores.
     */
    private static final String TEST_JVM = "-XX:TieredStopAtLevel=1";

    private List<String> jvmOptions = List.of(TEST_JVM);
    private Process running;

    PackagedJar(Path directory) throws IOException {
        this.directory = directory;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Options for the JVM of every later start, such as {@code -Xmx64m}. */
    PackagedJar withJvmOptions(String... options) {
        jvmOptions = Stream.concat(Stream.of(TEST_JVM), Stream.of(options)).toList();
        return this;
    }

    /** Starts the jar and waits until it says it is running; answers its log. */
    Path start(String name, String... arguments) throws IOException {
        Path log = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("careslot.launcher", "target/careslot"));
        command.addAll(List.of("--server.port=" + port, "--careslot.data-dir=" + directory.resolve("data")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
        running = builder.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(running.isAlive()).as("careslot exited early, see " + log).isTrue();
            return Files.readString(log).contains("Careslot is running");
        });
        return log;
    }

    /** SIGTERM, as an operator stops it, and wait for the process to end. */
    void stopGracefully() throws InterruptedException {
        running.destroy();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** For @AfterEach: whatever is still running goes. */
    void kill() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor();
        }
    }
}
