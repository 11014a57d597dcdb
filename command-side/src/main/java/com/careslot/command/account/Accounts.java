package com.careslot.command.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.account.Role;

/** The {@code command_side.account} table. */
@Component
public class Accounts {

    /** Accounts known to have proven their email: a fact that never changes back, so it is asked once. */
    private static final int REMEMBERED_VERIFIED = 100_000;

    private final JdbcClient jdbc;
    private final Set<UUID> verified = ConcurrentHashMap.newKeySet();

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<Account> byEmail(String email) {
        return jdbc.sql("select * from command_side.account where email = ?").param(normalize(email))
                .query(Accounts::row).optional();
    }

    Optional<Account> byId(UUID accountId) {
        return jdbc.sql("select * from command_side.account where account_id = ?").param(accountId)
                .query(Accounts::row).optional();
    }

    /** Whether an active account exists for this id in this role (a doctor a slot may be opened for, say). */
    public boolean isActive(UUID accountId, Role role) {
        return byId(accountId).filter(a -> a.role() == role && a.status() == Account.Status.ACTIVE).isPresent();
    }

    /** Whether the account has proven its email address (patients must before they book). */
    public boolean isVerified(UUID accountId) {
        if (verified.contains(accountId)) {
            return true;
        }
        boolean proven = jdbc.sql("select verified from command_side.account where account_id = ?").param(accountId)
                .query(Boolean.class).optional().orElse(false);
        if (proven) {
            if (verified.size() >= REMEMBERED_VERIFIED) {
                verified.clear();
            }
            verified.add(accountId);
        }
        return proven;
    }

    /** Inserts the account unless its email is taken; answers whether it was inserted. */
    boolean insert(Account account) {
        return jdbc.sql("""
                        insert into command_side.account
                            (account_id, email, password_hash, role, status, verified, created_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict (email) do nothing""")
                .params(account.accountId(), normalize(account.email()), account.passwordHash(),
                        account.role().name(), account.status().name(), account.verified(),
                        Timestamp.from(account.createdAt()))
                .update() == 1;
    }

    /** Locks the account's row until the transaction ends, so checks made under it hold until then. */
    void lock(UUID accountId) {
        jdbc.sql("select account_id from command_side.account where account_id = ? for update").param(accountId)
                .query(UUID.class).list();
    }

    void setPassword(UUID accountId, String passwordHash) {
        jdbc.sql("update command_side.account set password_hash = ? where account_id = ?")
                .params(passwordHash, accountId).update();
    }

    void markVerified(UUID accountId) {
        jdbc.sql("update command_side.account set verified = true where account_id = ?").param(accountId).update();
    }

    void setStatus(UUID accountId, Account.Status status) {
        jdbc.sql("update command_side.account set status = ? where account_id = ?")
                .params(status.name(), accountId).update();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select exists (select 1 from command_side.account where role = ?)").param(role.name())
                .query(Boolean.class).single();
    }

    private static Account row(ResultSet row, int number) throws SQLException {
        return new Account(row.getObject("account_id", UUID.class), row.getString("email"),
                row.getString("password_hash"), Role.valueOf(row.getString("role")),
                Account.Status.valueOf(row.getString("status")), row.getBoolean("verified"),
                row.getTimestamp("created_at").toInstant());
    }
}
