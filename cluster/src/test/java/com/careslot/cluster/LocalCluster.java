package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * The multi-process deployment of {@code deploy/local/careslot-cluster}, started once for all tests of this module
 * (the first test class that needs it starts it; it stops when the test run ends) and driven only through that
 * script, so the tests exercise the script an operator runs. Every test class registers it with
 * {@code @ExtendWith(LocalCluster.class)} and reaches it through {@link #running()}.
 */
public final class LocalCluster implements BeforeAllCallback {

    public static final String COMMAND_SIDE_1 = "command-side-1";
    public static final String COMMAND_SIDE_2 = "command-side-2";
    public static final String QUERY_SIDE = "query-side";
    public static final String NOTIFICATION_PROJECTOR = "notification-projector";

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalCluster.class) {
            if (running == null) {
                Running started = new Running();
                started.startAll();
                running = started;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(LocalCluster.class, (ExtensionContext.Store.CloseableResource) started::stopAll);
            }
        }
    }

    public static Running running() {
        if (running == null) {
            throw new IllegalStateException("Register the cluster with @ExtendWith(LocalCluster.class)");
        }
        return running;
    }

    /** The started deployment: its gateway, its services, its database, its mail. */
    public static final class Running {

        private final Path repository = Path.of(System.getProperty("careslot.repository", "..")).toAbsolutePath()
                .normalize();
        private final Path directory = Path.of(System.getProperty("careslot.cluster.dir", "target/cluster"))
                .toAbsolutePath();
        private final int port = freePortRange(8);

        private Running() {
            requireNginx();
        }

        private static void requireNginx() {
            if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
                return;
            }
            String message = "The deployment tests need nginx (apt-get install -y nginx; .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }

        void startAll() {
            script("start", "--fresh");
        }

        void stopAll() {
            script("stop");
        }

        /** Starts services (or the infrastructure), side by side, and waits until they are ready. */
        public void start(String... services) {
            script(concat("start", services));
        }

        /** SIGTERM: a graceful stop, waited for. */
        public void stop(String service) {
            script("stop", service);
        }

        /** SIGKILL: the processes are gone at once, mid-whatever they were doing. */
        public void kill(String... services) {
            script(concat("kill", services));
        }

        private static String[] concat(String command, String... services) {
            String[] arguments = new String[services.length + 1];
            arguments[0] = command;
            System.arraycopy(services, 0, arguments, 1, services.length);
            return arguments;
        }

        public HttpJson gateway() {
            return new HttpJson("http://127.0.0.1:" + port);
        }

        /** One service directly, bypassing the gateway. */
        public HttpJson service(String service) {
            return new HttpJson("http://127.0.0.1:" + (port + switch (service) {
                case COMMAND_SIDE_1 -> 1;
                case COMMAND_SIDE_2 -> 2;
                case QUERY_SIDE -> 3;
                case NOTIFICATION_PROJECTOR -> 4;
                default -> throw new IllegalArgumentException(service);
            }));
        }

        /** The infrastructure process's control API: mail caught, database and SMTP taken away and back. */
        public HttpJson infrastructure() {
            return new HttpJson("http://127.0.0.1:" + (port + 5));
        }

        /** The Message-ID of every mail the catcher holds, one per recipient (copies carried twice included). */
        public List<String> caughtMessageIds() {
            List<String> ids = new ArrayList<>();
            infrastructure().get("/mail/message-ids").json().forEach(id -> ids.add(id.asText()));
            return ids;
        }

        public TestAccounts accounts() {
            return new TestAccounts(gateway(), infrastructure());
        }

        public void stopDatabase() {
            assertThat(infrastructure().post("/database/stop", null).json().path("database").asText())
                    .isEqualTo("down");
        }

        public void startDatabase() {
            assertThat(infrastructure().post("/database/start", null).json().path("database").asText())
                    .isEqualTo("up");
        }

        /** A connection to the deployment's PostgreSQL, for checking what it holds. */
        public Connection database() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (port + 7) + "/careslot", "postgres",
                    "");
        }

        public Path logOf(String service) {
            return directory.resolve("logs").resolve(service + ".log");
        }

        private void script(String... arguments) {
            List<String> command = new ArrayList<>();
            command.add(repository.resolve("deploy/local/careslot-cluster").toString());
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("script.log").toFile()));
            Map<String, String> environment = builder.environment();
            environment.put("CARESLOT_CLUSTER_DIR", directory.toString());
            environment.put("CARESLOT_CLUSTER_PORT", Integer.toString(port));
            environment.put("CARESLOT_ADMIN_EMAIL", TestAccounts.ADMIN_EMAIL);
            environment.put("CARESLOT_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
            // Cheaper password hashing for the hundreds of test accounts, and no per-patient cap: the races here
            // refuse only because the slot is taken.
            environment.put("CARESLOT_SECURITY_PASSWORD_STRENGTH", "4");
            environment.put("CARESLOT_BOOKING_MAXIMUM_ACTIVE_APPOINTMENTS", "100000");
            environment.put("CARESLOT_BOOKING_MAXIMUM_ACTIVE_HOLDS", "100000");
            environment.put("CARESLOT_BOOKING_HOLD_DURATION", "PT20S");
            // Check-in opens three hours ahead, so a slot past the booking notice (one hour) can be checked in at once.
            environment.put("CARESLOT_BOOKING_CHECK_IN_OPENS", "PT3H");
            // A mail claimed by a projector that is then killed goes to another sender after this (production: a
            // minute, to outlast a slow SMTP server's timeouts; the catcher here answers at once, and the claim is
            // renewed at half-time anyway): the kill tests wait for those mails.
            environment.put("CARESLOT_NOTIFICATION_DELIVERY_CLAIM", "PT10S");
            // Reminders due at once (slots an hour ahead) are looked for every second, not every 30 s (production),
            // so the tests that wait for every owed mail do not wait for the poll after each restart.
            environment.put("CARESLOT_NOTIFICATION_REMINDER_POLL_INTERVAL", "PT1S");
            environment.put("CARESLOT_CLUSTER_JAVA_OPTS",
                    "-Xmx320m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
            try {
                Files.createDirectories(directory);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("careslot-cluster " + String.join(" ", arguments) + " did not finish in 5 minutes");
                }
                if (process.exitValue() != 0) {
                    fail("careslot-cluster " + String.join(" ", arguments) + " failed (exit " + process.exitValue()
                            + "); see " + directory.resolve("script.log") + " and " + directory.resolve("logs"));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The first of {@code count} consecutive free ports from 20000 up (a fixed range keeps runs comparable). */
        private static int freePortRange(int count) {
            for (int first = 20000; first < 60000; first += 100) {
                if (allFree(first, count)) {
                    return first;
                }
            }
            throw new IllegalStateException("No " + count + " consecutive free ports");
        }

        private static boolean allFree(int first, int count) {
            for (int port = first; port < first + count; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }
    }
}
