package com.careslot.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Tokens verified once are remembered (until they expire) up to this many; then the memory starts afresh. */
    static final int REMEMBERED = 10_000;

    /**
     * Checking an RS256 signature and parsing the claims was a seventh of a booking's CPU, and a client sends the
     * same token with every request for its whole lifetime: a token verified once is answered from here by its
     * exact text, until its expiry, judged by the same clock as the parser's.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, Instant expiresAt) {
    }

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
        Verified known = token == null ? null : verified.get(token);
        if (known != null) {
            if (!clock.instant().isAfter(known.expiresAt())) {
                return known.caller();
            }
            verified.remove(token);
        }
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(keys.publicKey())
                    .requireIssuer(ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            Caller caller = new Caller(UUID.fromString(claims.getSubject()),
                    Role.valueOf(claims.get(ROLE, String.class)));
            remember(token, caller, claims.getExpiration());
            return caller;
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException();
        }
    }

    private void remember(String token, Caller caller, Date expiration) {
        if (expiration == null) {
            return;
        }
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(token, new Verified(caller, expiration.toInstant()));
    }

    public static class InvalidTokenException extends RuntimeException {
        InvalidTokenException() {
            super("The access token is invalid or expired.");
        }
    }
}
