package com.careslot.command.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Emailed one-time secrets, stored only as hashes: 6-digit codes that prove an email address (valid 10 minutes,
 * 5 tries) and invitation tokens that let an onboarded doctor or auditor set a password (valid 7 days, single use).
 */
@Component
class OneTimeCodes {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration INVITE_LIFETIME = Duration.ofDays(7);
    static final int MAX_TRIES = 5;

    enum Purpose { VERIFY, INVITE }

    enum Check { ACCEPTED, WRONG, EXPIRED, NONE, EXHAUSTED }

    private final JdbcClient jdbc;
    private final Clock clock;

    OneTimeCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh verification code for the account, replacing any earlier one; answers the code to email. */
    String newVerificationCode(UUID accountId) {
        String code = Secrets.sixDigits();
        store(accountId, Purpose.VERIFY, Secrets.sha256(accountId + ":" + code), CODE_LIFETIME);
        return code;
    }

    /** A fresh invitation token for the account, replacing any earlier one; answers the token to email. */
    String newInvitation(UUID accountId) {
        String token = Secrets.token();
        store(accountId, Purpose.INVITE, Secrets.sha256(token), INVITE_LIFETIME);
        return token;
    }

    /** Checks a typed verification code; a wrong one uses up one of the tries, a right one is consumed. */
    Check checkVerificationCode(UUID accountId, String code) {
        record Live(String hash, Instant expiresAt, int attempts) {
        }
        Optional<Live> live = jdbc.sql("""
                        select code_hash, expires_at, attempts from command_side.one_time_code
                        where account_id = ? and purpose = 'VERIFY' for update""")
                .param(accountId)
                .query((row, n) -> new Live(row.getString(1), row.getTimestamp(2).toInstant(), row.getInt(3)))
                .optional();
        if (live.isEmpty()) {
            return Check.NONE;
        }
        if (live.get().attempts() >= MAX_TRIES) {
            return Check.EXHAUSTED;
        }
        if (!clock.instant().isBefore(live.get().expiresAt())) {
            return Check.EXPIRED;
        }
        if (!Secrets.sameHash(live.get().hash(), Secrets.sha256(accountId + ":" + code))) {
            jdbc.sql("update command_side.one_time_code set attempts = attempts + 1 "
                    + "where account_id = ? and purpose = 'VERIFY'").param(accountId).update();
            return live.get().attempts() + 1 >= MAX_TRIES ? Check.EXHAUSTED : Check.WRONG;
        }
        delete(accountId, Purpose.VERIFY);
        return Check.ACCEPTED;
    }

    /** Consumes a live invitation token and answers whose it was. */
    Optional<UUID> redeemInvitation(String token) {
        return jdbc.sql("""
                        delete from command_side.one_time_code
                        where code_hash = ? and purpose = 'INVITE' and expires_at > ?
                        returning account_id""")
                .params(Secrets.sha256(token), Timestamp.from(clock.instant()))
                .query(UUID.class).optional();
    }

    /** How many codes were sent to the account since the given moment. */
    int sendsSince(UUID accountId, Instant since) {
        return jdbc.sql("select count(*) from command_side.code_send where account_id = ? and sent_at > ?")
                .params(accountId, Timestamp.from(since)).query(Integer.class).single();
    }

    Optional<Instant> lastSend(UUID accountId) {
        return jdbc.sql("select max(sent_at) from command_side.code_send where account_id = ?").param(accountId)
                .query((row, n) -> row.getTimestamp(1)).optional().filter(t -> t != null).map(Timestamp::toInstant);
    }

    private void store(UUID accountId, Purpose purpose, String hash, Duration lifetime) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into command_side.one_time_code (account_id, purpose, code_hash, expires_at, attempts, sent_at)
                        values (?, ?, ?, ?, 0, ?)
                        on conflict (account_id, purpose) do update
                        set code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0,
                            sent_at = excluded.sent_at""")
                .params(accountId, purpose.name(), hash, Timestamp.from(now.plus(lifetime)), Timestamp.from(now))
                .update();
        jdbc.sql("insert into command_side.code_send (account_id, sent_at) values (?, ?)")
                .params(accountId, Timestamp.from(now)).update();
    }

    private void delete(UUID accountId, Purpose purpose) {
        jdbc.sql("delete from command_side.one_time_code where account_id = ? and purpose = ?")
                .params(accountId, purpose.name()).update();
    }
}
