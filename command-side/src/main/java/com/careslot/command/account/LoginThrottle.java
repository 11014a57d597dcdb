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
 * minutes old. Kept in the database, so every command-side node sees the same count.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long the email must wait before trying again, when it must. */
    Optional<Duration> lockedFor(String email) {
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
