package com.careslot.platform.database;

/**
 * A PostgreSQL schema a service owns, migrated by Flyway from {@code location} with its own history table, so the
 * services can share one database and still evolve their tables independently.
 */
public record ServiceSchema(String schema, String location) {
}
