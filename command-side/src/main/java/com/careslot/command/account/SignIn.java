package com.careslot.command.account;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.careslot.command.TooManyAttemptsException;
import com.careslot.platform.security.AccessTokens;

/** Sign-in with email and password, token refresh with rotation, and sign-out. */
@Component
class SignIn {

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final String decoyHash;

    SignIn(Accounts accounts, LoginThrottle throttle, RefreshTokens refreshTokens, AccessTokens accessTokens,
           PasswordEncoder passwords) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.decoyHash = passwords.encode("a password nobody has, to time unknown emails like known ones");
    }

    /** One transaction under the email's lock; a refusal still commits the failure it records. */
    @Transactional(noRollbackFor = AccountRejection.class)
    Tokens login(String email, String password) {
        throttle.lockedFor(email).ifPresent(wait -> {
            throw new TooManyAttemptsException("Too many failed sign-ins for this email.", wait);
        });
        Account account = accounts.byEmail(email).orElse(null);
        String hash = account != null && account.hasPassword() ? account.passwordHash() : decoyHash;
        if (!passwords.matches(password, hash) || account == null || !account.hasPassword()) {
            throttle.recordFailure(email);
            throw AccountRejection.badCredentials();
        }
        requireActive(account);
        throttle.clear(email);
        return tokens(account, refreshTokens.startFamily(account.accountId()));
    }

    Tokens refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken)
                .orElseThrow(AccountRejection::badRefreshToken);
        Account account = accounts.byId(rotation.accountId()).orElseThrow(AccountRejection::badRefreshToken);
        requireActive(account);
        return tokens(account, rotation.refreshToken());
    }

    void logout(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    private void requireActive(Account account) {
        if (account.status() != Account.Status.ACTIVE) {
            throw AccountRejection.notActive(account.status());
        }
    }

    private Tokens tokens(Account account, String refreshToken) {
        return new Tokens(accessTokens.issue(account.accountId(), account.role()), refreshToken, "Bearer",
                accessTokens.lifetime().toSeconds(), account.role().name());
    }

    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, String role) {
    }
}
