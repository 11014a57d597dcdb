package com.careslot.platform.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Listens on PostgreSQL's channel {@value #CHANNEL}, which the event table's trigger notifies when a transaction
 * that appended events commits (migration {@code V2__notify_new_events}), and tells the event store, whose producer
 * then fetches at once: a process sees another process's events as soon as they are committed, and an idle process
 * sends no query to find out that nothing happened. The listening connection is its own (pgjdbc's
 * {@link PGConnection#getNotifications(int)} blocks on it), not one of the pool's. When it breaks (the database went
 * away) it is opened again with back-off, and the store fetches once after each reconnect, for whatever was committed
 * meanwhile; until then the store's fetch delay is the fallback.
 */
public final class NewEventNotices implements SmartLifecycle {

    static final String CHANNEL = "careslot_events";

    private static final Logger log = LoggerFactory.getLogger(NewEventNotices.class);
    private static final int WAIT_MILLIS = 10_000;

    private final DataSource dataSource;
    private final NotifiedEventStore store;
    private final Duration maxBackOff;
    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection connection;

    public NewEventNotices(DataSource dataSource, NotifiedEventStore store, Duration maxBackOff) {
        this.dataSource = dataSource;
        this.store = store;
        this.maxBackOff = maxBackOff;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "event-notices");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backOff = 100;
        boolean broken = false;
        while (running) {
            try (Connection listening = open(); Statement statement = listening.createStatement()) {
                connection = listening;
                statement.execute("listen " + CHANNEL);
                PGConnection notices = listening.unwrap(PGConnection.class);
                if (broken) {
                    log.info("Listening for new events again");
                    store.eventsCommitted();
                    broken = false;
                }
                backOff = 100;
                while (running) {
                    PGNotification[] received = notices.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        store.eventsCommitted();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!broken) {
                    log.warn("Listening for new events failed ({}); the event store polls every fetch delay until it "
                            + "listens again", e.getClass().getSimpleName());
                    broken = true;
                }
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backOff = Math.min(backOff * 2, maxBackOff.toMillis());
            }
        }
    }

    /** A connection of its own, with the pool's address and credentials; the pool's when it is not Hikari. */
    private Connection open() throws SQLException {
        HikariDataSource hikari = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class) : null;
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        properties.putAll(hikari.getDataSourceProperties());
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        properties.setProperty("socketTimeout", "0");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "careslot-event-notices");
        return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // closing a connection that broke
            }
        }
    }
}
