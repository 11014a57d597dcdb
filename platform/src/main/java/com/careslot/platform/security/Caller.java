package com.careslot.platform.security;

import java.util.UUID;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;

/** The authenticated account behind a request, as its access token states it. */
public record Caller(UUID accountId, Role role) {

    public Actor actor() {
        return new Actor(accountId, role);
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }
}
