package com.careslot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures are the database being out of reach (503, retry) and which are not (a 4xx or a bug). */
class DatabaseOutageTest {

    @Test
    void aRefusedOrBrokenConnectionAnywhereInTheChainIsAnOutage() {
        assertThat(DatabaseOutage.causes(new CommandExecutionException("append failed",
                new EventStoreException("store", new PSQLException("gone", PSQLState.CONNECTION_FAILURE)))))
                .isTrue();
        assertThat(DatabaseOutage.causes(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseOutage.causes(new IllegalStateException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
    }

    @Test
    void aConnectionThePoolClosedAfterTheServerCutItIsAnOutage() {
        SQLException closedByHikari = new SQLException("Connection is closed");
        closedByHikari.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$0",
                        "ProxyConnection.java", 562)});
        assertThat(DatabaseOutage.causes(new EventStoreException("store", closedByHikari))).isTrue();
        // The same words from anywhere else are not taken for it.
        assertThat(DatabaseOutage.causes(new SQLException("Connection is closed"))).isFalse();
    }

    @Test
    void aRuleTheDatabaseEnforcedOrABugIsNot() {
        assertThat(DatabaseOutage.causes(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutage.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("syntax", "42601"))).isFalse();
    }
}
