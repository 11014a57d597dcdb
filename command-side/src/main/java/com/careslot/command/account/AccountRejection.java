package com.careslot.command.account;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** The sign-up and sign-in rules' refusals. Messages never echo a password, code or token. */
class AccountRejection extends Rejection {

    private AccountRejection(String code, CommandRejection.Kind kind, String field, String message) {
        super(code, kind, field, message);
    }

    static AccountRejection invalid(String field, String message) {
        return new AccountRejection("invalid-request", CommandRejection.Kind.INVALID, field, message);
    }

    static AccountRejection emailTaken() {
        return new AccountRejection("email-taken", CommandRejection.Kind.CONFLICT, "email",
                "An account with this email already exists.");
    }

    static AccountRejection badCredentials() {
        return new AccountRejection("invalid-credentials", CommandRejection.Kind.UNAUTHENTICATED, null,
                "The email or password is not right.");
    }

    static AccountRejection badRefreshToken() {
        return new AccountRejection("invalid-refresh-token", CommandRejection.Kind.UNAUTHENTICATED, null,
                "The refresh token is not valid any more. Sign in again.");
    }

    static AccountRejection notActive(Account.Status status) {
        return new AccountRejection("account-" + status.name().toLowerCase(), CommandRejection.Kind.FORBIDDEN, null,
                switch (status) {
                    case PENDING -> "An admin has not approved this account yet.";
                    case ERASED -> "This account was erased.";
                    default -> "This account's application was rejected.";
                });
    }

    static AccountRejection notFound() {
        return new AccountRejection("not-found", CommandRejection.Kind.NOT_FOUND, null, "No such account.");
    }
}
