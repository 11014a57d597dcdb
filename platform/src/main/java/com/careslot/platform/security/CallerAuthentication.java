package com.careslot.platform.security;

import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import com.careslot.api.account.Role;

/**
 * The authentication a verified access token yields: its principal is the {@link Caller} our controllers take with
 * {@code @AuthenticationPrincipal Caller}, its one authority {@code ROLE_<role>}. The resource server builds it with
 * {@link #of(Jwt)} as its {@code jwtAuthenticationConverter}.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt token;

    private CallerAuthentication(Caller caller, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    /** The caller a verified token names; a signed token naming no account or no known role is still refused. */
    static CallerAuthentication of(Jwt token) {
        try {
            Caller caller = new Caller(UUID.fromString(token.getSubject()),
                    Role.valueOf(token.getClaimAsString(AccessTokens.ROLE)));
            return new CallerAuthentication(caller, token);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidBearerTokenException("The access token names no account or role");
        }
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return caller.accountId().toString();
    }
}
