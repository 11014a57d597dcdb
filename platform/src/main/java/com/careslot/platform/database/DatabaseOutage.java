package com.careslot.platform.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure means the database is out of reach (down, restarting, not answering) rather than a fault of the
 * request or of the code: such a request may succeed when retried a little later, so it is a 503, not a 500.
 */
public final class DatabaseOutage {

    /** SQLSTATE class 08 (connection exception) and the shutdown states of class 57. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    public static boolean causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (closedByPool(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP closes a pooled connection the moment the server cuts it (SQLSTATE 57P01, 08xxx) and every later use
     * of it in the same transaction (the rollback, the next statement) fails with a bare "Connection is closed",
     * without a SQLSTATE. Seen when PostgreSQL stops under load (cluster module, DatabaseOutageUnderLoadIT).
     */
    private static boolean closedByPool(Throwable cause) {
        if (!(cause instanceof SQLException) || !"Connection is closed".equals(cause.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().startsWith("com.zaxxer.hikari.")) {
                return true;
            }
        }
        return false;
    }
}
