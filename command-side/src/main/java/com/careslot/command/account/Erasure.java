package com.careslot.command.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.api.CommandRejection;
import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.patient.ErasePersonalData;
import com.careslot.api.slot.CancelBooking;
import com.careslot.platform.position.EventPositions;
import com.careslot.platform.privacy.SubjectKeys;

/**
 * Erases a patient (docs/PRIVACY.md): cancels their future appointments by the normal rules, as whoever asked (a
 * patient cannot cancel within the cutoff, so their own erasure is refused then, before anything is erased), deletes
 * their key, so every text of theirs in the event store, the audit trail and every copy reads as erased, scrubs the
 * account (email replaced, password, tokens and codes gone, status ERASED: it can never sign in again) and records
 * {@code PersonalDataErased}, on which the read models clear what they copied. Every step may run again: an erasure
 * that stopped half-way is finished by asking again.
 */
@Component
public class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final SubjectKeys keys;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final EventPositions positions;
    private final Duration settle;

    Erasure(Accounts accounts, PasswordEncoder passwords, SubjectKeys keys, CommandGateway commands, JdbcClient jdbc,
            PlatformTransactionManager transactions, Clock clock, EventPositions positions,
            @Value("${careslot.privacy.erasure-settle:PT10S}") Duration settle) {
        this.positions = positions;
        this.settle = settle;
        this.accounts = accounts;
        this.passwords = passwords;
        this.keys = keys;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The signed-in patient erases themselves, proving it is them with their password again. */
    Result eraseSelf(UUID patientId, String password) {
        Account account = patient(patientId);
        if (!account.hasPassword() || !passwords.matches(password, account.passwordHash())) {
            throw new ErasureRejection("wrong-password", CommandRejection.Kind.FORBIDDEN, "password",
                    "The password is not right; nothing was erased.");
        }
        return erase(account, new Actor(patientId, Role.PATIENT), "request");
    }

    /** An admin erases a patient. */
    Result eraseAsAdmin(UUID patientId, Actor admin) {
        return erase(patient(patientId), admin, "request");
    }

    /** The retention job erases a patient whose data is past its retention period; no appointment lies ahead. */
    public Result eraseForRetention(UUID patientId) {
        return erase(patient(patientId), new Actor(null, Role.ADMIN), "retention");
    }

    private Result erase(Account account, Actor requester, String reason) {
        UUID patientId = account.accountId();
        List<UUID> future = jdbc.sql("""
                        select slot_id from command_side.patient_calendar
                        where patient_id = ? and lower(period) > now() order by lower(period)""")
                .param(patientId).query(UUID.class).list();
        for (UUID slotId : future) {
            commands.sendAndWait(new CancelBooking(slotId, null, requester, clock.instant(), false));
        }
        if (!future.isEmpty()) {
            awaitMailsAbout(positions.head());
        }
        keys.erase(patientId);
        transaction.executeWithoutResult(status -> scrub(account));
        commands.sendAndWait(new ErasePersonalData(patientId, reason));
        log.info("Erased the personal data of patient {} ({}), {} future appointments cancelled", patientId, reason,
                future.size());
        return new Result(patientId, future.size(), Instant.now(clock));
    }

    /**
     * Lets the mail processor (notification service) pass the cancellations first, for at most {@code settle}: their
     * mails name the patient, and a mail logged after the erasure's clean-up would keep the name in its log entry.
     * Read from the shared token table; a deployment without that processor does not wait.
     */
    private void awaitMailsAbout(long position) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            Boolean passed = jdbc.sql("""
                            select bool_and(coalesce((t ->> 'index')::bigint, (t -> 'currentToken' ->> 'index')::bigint,
                                                     -1) >= ?)
                            from (select convert_from(token, 'UTF8')::jsonb as t from event_store.token_entry
                                  where processor_name = 'notification-mail') tokens""")
                    .param(position).query(Boolean.class).optional().orElse(null);
            if (passed == null || passed) {
                return;
            }
            try {
                Thread.sleep(50); // a bounded wait on another service's progress; nothing here can be woken
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("The mail processor has not passed position {} within {}; erasing anyway", position, settle);
    }

    private void scrub(Account account) {
        UUID id = account.accountId();
        accounts.lock(id);
        jdbc.sql("""
                        update command_side.account set email = ?, password_hash = null, status = 'ERASED'
                        where account_id = ?""")
                .params("erased-" + id + "@erased.invalid", id).update();
        jdbc.sql("delete from command_side.refresh_token where account_id = ?").param(id).update();
        jdbc.sql("delete from command_side.one_time_code where account_id = ?").param(id).update();
        jdbc.sql("delete from command_side.code_send where account_id = ?").param(id).update();
        if (!account.email().endsWith("@erased.invalid")) {
            jdbc.sql("delete from command_side.login_failure where email = ?").param(account.email()).update();
        }
    }

    private Account patient(UUID patientId) {
        return accounts.byId(patientId).filter(account -> account.role() == Role.PATIENT)
                .orElseThrow(AccountRejection::notFound);
    }

    /** What an erasure did. */
    public record Result(UUID patientId, int appointmentsCancelled, Instant erasedAt) {
    }

    static class ErasureRejection extends com.careslot.command.Rejection {
        ErasureRejection(String code, CommandRejection.Kind kind, String field, String message) {
            super(code, kind, field, message);
        }
    }
}
