package com.careslot.command.account;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.account.Role;

/** An account's row: credentials and standing. The password hash never leaves this package. */
record Account(UUID accountId, String email, String passwordHash, Role role, Status status, boolean verified,
               Instant createdAt) {

    enum Status {
        /** May sign in and act in its role. */
        ACTIVE,
        /** A doctor's application an admin has not decided on yet. */
        PENDING,
        /** A doctor's application an admin refused. */
        REJECTED,
        /** The person's data was erased (docs/PRIVACY.md); the account can never sign in again. */
        ERASED
    }

    boolean hasPassword() {
        return passwordHash != null;
    }
}
