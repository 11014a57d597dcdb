package com.careslot.command.account;

import java.nio.charset.StandardCharsets;

/** At least 10 characters, at most 72 bytes (BCrypt's limit), and not the account's email. */
final class PasswordRules {

    static final int SHORTEST = 10;
    static final int LONGEST_BYTES = 72;

    private PasswordRules() {
    }

    static void check(String password, String email) {
        if (password == null || password.length() < SHORTEST) {
            throw AccountRejection.invalid("password", "must be at least " + SHORTEST + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > LONGEST_BYTES) {
            throw AccountRejection.invalid("password", "must be at most " + LONGEST_BYTES + " bytes");
        }
        if (email != null && password.trim().equalsIgnoreCase(email.trim())) {
            throw AccountRejection.invalid("password", "must not be the email address");
        }
    }
}
