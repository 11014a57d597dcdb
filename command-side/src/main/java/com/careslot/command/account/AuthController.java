package com.careslot.command.account;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.command.TooManyAttemptsException;
import com.careslot.platform.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Accounts and sign-in")
class AuthController {

    private final SignUp signUp;
    private final SignIn signIn;
    private final Invitations invitations;
    private final Accounts accounts;

    AuthController(SignUp signUp, SignIn signIn, Invitations invitations, Accounts accounts) {
        this.signUp = signUp;
        this.signIn = signIn;
        this.invitations = invitations;
        this.accounts = accounts;
    }

    @PostMapping("/api/auth/register")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Patient sign-up; mails a 6-digit code that POST /api/auth/verify takes")
    ResponseEntity<AccountView> register(@Valid @RequestBody RegisterRequest request) {
        UUID accountId = signUp.register(request.email(), request.password(), request.fullName(), request.phone());
        return ResponseEntity.created(URI.create("/api/auth/me"))
                .body(new AccountView(accountId, Accounts.normalize(request.email()), Role.PATIENT, false, "ACTIVE"));
    }

    @PostMapping("/api/auth/verify")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Prove the email address with the mailed code (10 minutes, 5 tries)")
    VerifiedView verify(@Valid @RequestBody VerifyRequest request) {
        switch (signUp.verify(request.email(), request.code())) {
            case ACCEPTED -> {
                return new VerifiedView(true);
            }
            case WRONG -> throw AccountRejection.invalid("code", "is not the code we sent");
            case EXPIRED -> throw AccountRejection.invalid("code", "has expired; ask for a new one");
            case NONE -> throw AccountRejection.invalid("code", "is not pending for this email; ask for a new one");
            case EXHAUSTED -> throw new TooManyAttemptsException(
                    "Five wrong codes. Ask for a new code.", SignUp.RESEND_PAUSE);
            default -> throw new IllegalStateException();
        }
    }

    @PostMapping("/api/auth/verify/resend")
    @PreAuthorize("permitAll()")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a new code (at most one a minute, five an hour)")
    void resend(@Valid @RequestBody ResendRequest request) {
        signUp.resend(request.email());
    }

    @PostMapping("/api/auth/login")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Sign in: a short-lived access token and a rotating refresh token")
    SignIn.Tokens login(@Valid @RequestBody LoginRequest request) {
        return signIn.login(request.email(), request.password());
    }

    @PostMapping("/api/auth/refresh")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Trade a refresh token for new tokens; a spent one revokes its whole family")
    SignIn.Tokens refresh(@Valid @RequestBody RefreshRequest request) {
        return signIn.refresh(request.refreshToken());
    }

    @PostMapping("/api/auth/logout")
    @PreAuthorize("permitAll()")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out: revokes the refresh token's family (access tokens expire on their own)")
    void logout(@Valid @RequestBody RefreshRequest request) {
        signIn.logout(request.refreshToken());
    }

    @GetMapping("/api/auth/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The signed-in account")
    AccountView me(@AuthenticationPrincipal Caller caller) {
        Account account = accounts.byId(caller.accountId()).orElseThrow(AccountRejection::notFound);
        return new AccountView(account.accountId(), account.email(), account.role(), account.verified(),
                account.status().name());
    }

    @PostMapping("/api/auth/accept-invite")
    @PreAuthorize("permitAll()")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set the password of an invited account with the mailed one-time token")
    void acceptInvite(@Valid @RequestBody AcceptInviteRequest request) {
        invitations.accept(request.token(), request.password());
    }

    @PostMapping("/api/admin/auditors")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create an auditor account; mails them an invitation")
    ResponseEntity<AccountView> createAuditor(@Valid @RequestBody AuditorRequest request) {
        UUID accountId = UUID.randomUUID();
        invitations.invite(accountId, request.email(), Role.AUDITOR);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new AccountView(accountId, Accounts.normalize(request.email()), Role.AUDITOR, false, "ACTIVE"));
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                           @NotBlank @Size(max = 200) String password,
                           @NotBlank @Size(max = 200)
                           @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must be one line, without tabs or control "
                                   + "characters") String fullName,
                           @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number") String phone) {
    }

    record VerifyRequest(@NotBlank @Email @Size(max = 254) String email,
                         @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code) {
    }

    record ResendRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record AcceptInviteRequest(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 200) String password) {
    }

    @PostMapping("/api/admin/receptionists")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a receptionist account (the front desk); mails them an invitation",
            description = "A receptionist finds patients and books, reschedules and cancels for them; the audit trail "
                    + "names the receptionist as the actor.")
    ResponseEntity<AccountView> createReceptionist(@Valid @RequestBody AuditorRequest request) {
        UUID accountId = UUID.randomUUID();
        invitations.invite(accountId, request.email(), Role.RECEPTIONIST);
        return ResponseEntity.status(HttpStatus.CREATED).body(new AccountView(accountId,
                Accounts.normalize(request.email()), Role.RECEPTIONIST, false, "ACTIVE"));
    }

    /** A staff account an admin creates: an auditor or a receptionist. */
    record AuditorRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record AccountView(UUID accountId, String email, Role role, boolean verified, String status) {
    }

    record VerifiedView(boolean verified) {
    }

}
