package com.careslot.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC to the benchmark's PostgreSQL: a fresh database per run, and the bulk seed. */
final class Database {

    private final Options options;

    Database(Options options) {
        this.options = options;
    }

    Connection connect(String database) {
        try {
            return DriverManager.getConnection(options.jdbcUrl(database), options.dbUser(), options.dbPassword());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + options.jdbcUrl(database) + ": " + e.getMessage(), e);
        }
    }

    /** Drops the run's database (disconnecting whoever is on it) and creates it empty. */
    void recreate() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + options.dbName() + " with (force)");
            s.execute("create database " + options.dbName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + options.dbName(), e);
        }
    }

    String serverVersion() {
        return queryText("show server_version");
    }

    String queryText(String sql) {
        try (Connection c = connect(options.dbName()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long queryLong(String sql) {
        String text = queryText(sql);
        return text == null ? 0 : Long.parseLong(text);
    }
}
