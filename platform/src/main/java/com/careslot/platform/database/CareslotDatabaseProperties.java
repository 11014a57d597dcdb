package com.careslot.platform.database;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * Where the embedded PostgreSQL keeps its data ({@code careslot.data-dir}, default {@code ./data}), the port it
 * listens on ({@code careslot.db.embedded-port}, 0 = any free port) and whether the directory is wiped at the
 * first start in this JVM ({@code careslot.db.wipe-on-start}, tests only).
 */
public record CareslotDatabaseProperties(String dataDir, int embeddedPort, boolean wipeOnStart) {

    static CareslotDatabaseProperties from(Environment environment) {
        return new CareslotDatabaseProperties(
                environment.getProperty("careslot.data-dir", "./data"),
                environment.getProperty("careslot.db.embedded-port", Integer.class, 0),
                environment.getProperty("careslot.db.wipe-on-start", Boolean.class, false));
    }

    /** The embedded server for these settings, started on first use ({@link EmbeddedPostgresServer#obtain}). */
    EmbeddedPostgresServer obtainEmbeddedServer() {
        return EmbeddedPostgresServer.obtain(Path.of(dataDir, "postgres"), embeddedPort, wipeOnStart);
    }
}
