package com.careslot.api.account;

import java.util.UUID;

/** Who asks for a command: an account and the role it acts in. Commands carry it where a rule depends on it. */
public record Actor(UUID accountId, Role role) {

    public boolean is(Role candidate) {
        return role == candidate;
    }

    public boolean isAccount(UUID candidate) {
        return accountId != null && accountId.equals(candidate);
    }
}
