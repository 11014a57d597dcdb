package com.careslot.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.careslot.api.account.Role;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;

/**
 * Short-lived RS256 access tokens: {@code sub} is the account id, {@code role} its role. Verification accepts only
 * tokens signed with our key by our issuer and not expired; unsigned ({@code alg: none}) and HMAC tokens are refused
 * by construction, as the parser demands a signature made with an RSA key.
 */
public class AccessTokens {

    public static final String ISSUER = "careslot";
    private static final String ROLE = "role";

    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Signs a token for the account; only a process holding the private key can. */
    public String issue(UUID accountId, Role role) {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(ISSUER)
                .subject(accountId.toString())
                .claim(ROLE, role.name())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .signWith(keys.privateKey().orElseThrow(
                        () -> new IllegalStateException("This process has no JWT signing key")), Jwts.SIG.RS256)
                .compact();
    }

    /** The caller a token names, or an {@link InvalidTokenException} saying why it is not acceptable. */
    public Caller verify(String token) {
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(keys.publicKey())
                    .requireIssuer(ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            return new Caller(UUID.fromString(claims.getSubject()), Role.valueOf(claims.get(ROLE, String.class)));
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException();
        }
    }

    public static class InvalidTokenException extends RuntimeException {
        InvalidTokenException() {
            super("The access token is invalid or expired.");
        }
    }
}
