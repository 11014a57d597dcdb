package com.careslot.command.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.careslot.api.account.Role;
import com.careslot.api.patient.ConfirmPatientEmail;
import com.careslot.api.patient.RegisterPatient;
import com.careslot.command.TooManyAttemptsException;
import com.careslot.platform.security.CallerMetadata;

/**
 * Patient sign-up: the account row and the {@code PatientRegistered} event commit together, then a 6-digit code is
 * mailed. The account may sign in at once but books only after proving the address.
 */
@Component
class SignUp {

    static final Duration RESEND_PAUSE = Duration.ofSeconds(60);
    static final int SENDS_PER_HOUR = 5;

    private final Accounts accounts;
    private final OneTimeCodes codes;
    private final AccountMail mail;
    private final PasswordEncoder passwords;
    private final CommandGateway commandGateway;
    private final Clock clock;

    SignUp(Accounts accounts, OneTimeCodes codes, AccountMail mail, PasswordEncoder passwords,
           CommandGateway commandGateway, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.mail = mail;
        this.passwords = passwords;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @Transactional
    UUID register(String email, String password, String fullName, String phone) {
        PasswordRules.check(password, email);
        UUID patientId = UUID.randomUUID();
        Account account = new Account(patientId, Accounts.normalize(email), passwords.encode(password),
                Role.PATIENT, Account.Status.ACTIVE, false, clock.instant());
        if (!accounts.insert(account)) {
            throw AccountRejection.emailTaken();
        }
        commandGateway.sendAndWait(asPatient(patientId, new RegisterPatient(patientId, account.email(),
                fullName.trim(), phone == null || phone.isBlank() ? null : phone.trim())));
        mail.verificationCode(account.email(), codes.newVerificationCode(patientId));
        return patientId;
    }

    /** Checks the code; the outcome is committed whatever it is, so a wrong guess always costs a try. */
    @Transactional
    OneTimeCodes.Check verify(String email, String code) {
        Account account = accounts.byEmail(email).orElse(null);
        if (account == null) {
            return OneTimeCodes.Check.NONE;
        }
        if (account.verified()) {
            return OneTimeCodes.Check.ACCEPTED;
        }
        OneTimeCodes.Check check = codes.checkVerificationCode(account.accountId(), code);
        if (check == OneTimeCodes.Check.ACCEPTED) {
            accounts.markVerified(account.accountId());
            commandGateway.sendAndWait(asPatient(account.accountId(), new ConfirmPatientEmail(account.accountId())));
        }
        return check;
    }

    /** Sign-up and verification are anonymous requests: the patient they concern is their actor. */
    private static CommandMessage<?> asPatient(UUID patientId, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                CallerMetadata.ACTOR_ID, patientId.toString(), CallerMetadata.ACTOR_ROLE, Role.PATIENT.name()));
    }

    /** Mails a new code to an unverified account, at most once a minute and five times an hour. */
    @Transactional
    void resend(String email) {
        Account account = accounts.byEmail(email).filter(a -> !a.verified() && a.role() == Role.PATIENT)
                .orElse(null);
        if (account == null) {
            return; // say nothing about which addresses have accounts
        }
        accounts.lock(account.accountId()); // concurrent resends are counted one after another
        Instant now = clock.instant();
        codes.lastSend(account.accountId()).map(last -> last.plus(RESEND_PAUSE)).filter(now::isBefore)
                .ifPresent(allowedAt -> {
                    throw new TooManyAttemptsException("A code was sent less than a minute ago.",
                            Duration.between(now, allowedAt));
                });
        if (codes.sendsSince(account.accountId(), now.minus(Duration.ofHours(1))) >= SENDS_PER_HOUR) {
            throw new TooManyAttemptsException("Five codes were sent in the last hour.", Duration.ofHours(1));
        }
        mail.verificationCode(account.email(), codes.newVerificationCode(account.accountId()));
    }
}
