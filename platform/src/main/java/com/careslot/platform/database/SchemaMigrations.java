package com.careslot.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs Flyway for the event store schema and then for every {@link ServiceSchema} of this process. Services
 * starting side by side against an empty database take turns through a PostgreSQL advisory lock.
 */
public class SchemaMigrations implements InitializingBean {

    public static final ServiceSchema EVENT_STORE = new ServiceSchema("event_store", "classpath:db/event-store");
    private static final long LOCK_KEY = 0x43415245534c4f54L; // "CARESLOT"

    private final DataSource dataSource;
    private final List<ServiceSchema> schemas;

    SchemaMigrations(DataSource dataSource, List<ServiceSchema> serviceSchemas) {
        this.dataSource = dataSource;
        this.schemas = new ArrayList<>();
        this.schemas.add(EVENT_STORE);
        this.schemas.addAll(serviceSchemas);
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                schemas.forEach(this::migrate);
            } finally {
                statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }
    }

    private void migrate(ServiceSchema schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema.schema())
                .locations(schema.location())
                .load()
                .migrate();
    }
}
