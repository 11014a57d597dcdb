package com.careslot.command.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, stored hashed and rotated on every use. A token belongs to a family (one sign-in);
 * presenting a token that was already spent means it leaked, so the whole family is revoked.
 */
@Component
class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String startFamily(UUID accountId) {
        return issue(accountId, UUID.randomUUID());
    }

    /**
     * Spends the token and answers its account with a successor in the same family, or empty when the token is
     * unknown, expired, revoked or already spent (then its family is revoked). Spending and issuing the successor
     * commit together: a concurrent reuse of the token waits on the spent row, then revokes the successor too.
     */
    @Transactional
    Optional<Rotation> rotate(String token) {
        String hash = Secrets.sha256(token);
        Instant now = clock.instant();
        record Row(UUID familyId, UUID accountId, Instant expiresAt, Timestamp spentAt, Timestamp revokedAt) {
        }
        Optional<Row> row = jdbc.sql("""
                        select family_id, account_id, expires_at, spent_at, revoked_at
                        from command_side.refresh_token where token_hash = ?""")
                .param(hash)
                .query((r, n) -> new Row(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                        r.getTimestamp(3).toInstant(), r.getTimestamp(4), r.getTimestamp(5)))
                .optional();
        if (row.isEmpty() || row.get().revokedAt() != null || !now.isBefore(row.get().expiresAt())) {
            return Optional.empty();
        }
        lockFamily(row.get().familyId());
        int spent = jdbc.sql("""
                        update command_side.refresh_token set spent_at = ?
                        where token_hash = ? and spent_at is null and revoked_at is null""")
                .params(Timestamp.from(now), hash).update();
        if (spent == 0) {
            revokeFamily(row.get().familyId());
            return Optional.empty();
        }
        return Optional.of(new Rotation(row.get().accountId(), issue(row.get().accountId(), row.get().familyId())));
    }

    /** Revokes the family the token belongs to (sign-out); unknown tokens are ignored. */
    void revokeFamilyOf(String token) {
        jdbc.sql("""
                        update command_side.refresh_token set revoked_at = ?
                        where revoked_at is null and family_id =
                            (select family_id from command_side.refresh_token where token_hash = ?)""")
                .params(Timestamp.from(clock.instant()), Secrets.sha256(token)).update();
    }

    /**
     * Rotations of one family run one after the other: two reuses of a spent token would otherwise revoke the family's
     * rows in different orders and deadlock. Held until the transaction ends.
     */
    private void lockFamily(UUID familyId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(familyId.toString())
                .query((r, n) -> 1).list();
    }

    private void revokeFamily(UUID familyId) {
        jdbc.sql("update command_side.refresh_token set revoked_at = ? where family_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), familyId).update();
    }

    private String issue(UUID accountId, UUID familyId) {
        String token = Secrets.token();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into command_side.refresh_token (token_hash, family_id, account_id, issued_at, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(Secrets.sha256(token), familyId, accountId, Timestamp.from(now),
                        Timestamp.from(now.plus(LIFETIME)))
                .update();
        return token;
    }

    record Rotation(UUID accountId, String refreshToken) {
    }
}
