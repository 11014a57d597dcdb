package com.careslot.platform.eventstore;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells Axon that an append failed on a unique constraint (PostgreSQL SQLSTATE 23505), so the storage engine
 * reports a {@code ConcurrencyException} and the command is retried against the new state. Axon's
 * {@code JdbcSQLErrorCodesResolver} only recognises {@code SQLIntegrityConstraintViolationException}, which the
 * PostgreSQL driver never throws.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    /** Counts appends that lost a race on the store's unique (aggregate, sequence number). */
    public static final String LOST_RACES = "careslot.eventstore.append.conflicts";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Counter lostRaces;

    public DuplicateKeyResolver(MeterRegistry meters) {
        this.lostRaces = Counter.builder(LOST_RACES)
                .description("Event appends refused by the event store's unique (aggregate, sequence number)")
                .register(meters);
    }

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                lostRaces.increment();
                return true;
            }
        }
        return false;
    }
}
