package com.careslot.command.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Five failed sign-ins for one email within 15 minutes lock further attempts until the oldest of them is 15
 * minutes old. Kept in the database, so every command-side node sees the same count; a lock per email in the
 * database makes concurrent attempts wait for each other's outcome.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** The first key of the per-email advisory locks: a space of its own among the database's advisory locks. */
    private static final int LOCK_CLASS = 0x4c4f47; // "LOG"

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * How long the email must wait before trying again, when it must. Holds the email's lock until the caller's
     * transaction ends, so concurrent attempts are counted one after another and never exceed the limit together.
     */
    Optional<Duration> lockedFor(String email) {
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_CLASS, Accounts.normalize(email))
                .query((row, n) -> null).list();
        Instant now = clock.instant();
        var recent = jdbc.sql("""
                        select failed_at from command_side.login_failure
                        where email = ? and failed_at > ? order by failed_at desc limit ?""")
                .params(Accounts.normalize(email), Timestamp.from(now.minus(WINDOW)), MAX_FAILURES)
                .query(Timestamp.class).list();
        if (recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        Instant oldest = recent.get(recent.size() - 1).toInstant();
        return Optional.of(Duration.between(now, oldest.plus(WINDOW)));
    }

    void recordFailure(String email) {
        jdbc.sql("insert into command_side.login_failure (email, failed_at) values (?, ?)")
                .params(Accounts.normalize(email), Timestamp.from(clock.instant())).update();
    }

    void clear(String email) {
        jdbc.sql("delete from command_side.login_failure where email = ?").param(Accounts.normalize(email)).update();
    }
}
