package com.careslot.command.account;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import com.careslot.api.account.Role;

/** The credentials side of a doctor's admission; the doctor's id is their account id. */
@Component
public class DoctorAccounts {

    private final Accounts accounts;
    private final Invitations invitations;
    private final PasswordEncoder passwords;
    private final Clock clock;

    DoctorAccounts(Accounts accounts, Invitations invitations, PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.passwords = passwords;
        this.clock = clock;
    }

    public void invite(UUID doctorId, String email) {
        invitations.invite(doctorId, email, Role.DOCTOR);
    }

    public void applicant(UUID doctorId, String email, String password) {
        PasswordRules.check(password, email);
        if (!accounts.insert(new Account(doctorId, email, passwords.encode(password), Role.DOCTOR,
                Account.Status.PENDING, false, clock.instant()))) {
            throw AccountRejection.emailTaken();
        }
    }

    public void approved(UUID doctorId) {
        accounts.setStatus(doctorId, Account.Status.ACTIVE);
        accounts.markVerified(doctorId);
    }

    public void rejected(UUID doctorId) {
        accounts.setStatus(doctorId, Account.Status.REJECTED);
    }
}
