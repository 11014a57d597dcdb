package com.careslot.command.account;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.careslot.api.account.Role;

/**
 * Accounts an admin creates (doctors, auditors) start without a password; a one-time invitation mailed to them
 * lets them set one.
 */
@Component
public class Invitations {

    private final Accounts accounts;
    private final OneTimeCodes codes;
    private final AccountMail mail;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Invitations(Accounts accounts, OneTimeCodes codes, AccountMail mail, PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.mail = mail;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates an active, password-less account and mails its invitation once the caller's transaction commits.
     * Refused when the email is taken.
     */
    @Transactional
    public void invite(UUID accountId, String email, Role role) {
        Account account = new Account(accountId, Accounts.normalize(email), null, role, Account.Status.ACTIVE,
                false, clock.instant());
        if (!accounts.insert(account)) {
            throw AccountRejection.emailTaken();
        }
        mail.invitation(account.email(), role.name().toLowerCase(), codes.newInvitation(accountId));
    }

    @Transactional
    void accept(String token, String password) {
        UUID accountId = codes.redeemInvitation(token)
                .orElseThrow(() -> AccountRejection.invalid("token", "is unknown, used or expired"));
        Account account = accounts.byId(accountId).orElseThrow(AccountRejection::notFound);
        PasswordRules.check(password, account.email());
        accounts.setPassword(accountId, passwords.encode(password));
        accounts.markVerified(accountId);
    }
}
