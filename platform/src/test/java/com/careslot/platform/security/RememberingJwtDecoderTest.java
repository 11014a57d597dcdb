package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A token's signature is checked once per token, not once per request; refusals are never remembered. */
class RememberingJwtDecoderTest {

    private final AccessTokensTest.MovableClock clock =
            new AccessTokensTest.MovableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void verifiesEachTokenOnceUntilItExpires() {
        JwtDecoder decoder = new RememberingJwtDecoder(validUntil(clock.now.plus(Duration.ofMinutes(15))), clock);

        for (int request = 0; request < 100; request++) {
            decoder.decode("token-a");
            decoder.decode("token-b");
        }
        assertThat(verifications).hasValue(2);

        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        decoder.decode("token-a");
        assertThat(verifications).as("past its expiry a token goes to the delegate again").hasValue(3);
    }

    @Test
    void neverRemembersARefusal() {
        JwtDecoder decoder = new RememberingJwtDecoder(token -> {
            verifications.incrementAndGet();
            throw new BadJwtException("no");
        }, clock);

        for (int request = 0; request < 3; request++) {
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aTokenThatCannotBeVerifiedIsABadToken() {
        JwtDecoder decoder = new RememberingJwtDecoder(token -> {
            throw new JwtException("An error occurred while attempting to decode the Jwt");
        }, clock);

        assertThatThrownBy(() -> decoder.decode("odd")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void remembersAtMostItsBound() {
        JwtDecoder decoder = new RememberingJwtDecoder(validUntil(clock.now.plusSeconds(60)), clock);

        for (int token = 0; token <= RememberingJwtDecoder.REMEMBERED; token++) {
            decoder.decode("token-" + token);
        }
        decoder.decode("token-0");

        assertThat(verifications).as("the memory started afresh at its bound")
                .hasValue(RememberingJwtDecoder.REMEMBERED + 2);
    }

    private JwtDecoder validUntil(Instant expiry) {
        return token -> {
            verifications.incrementAndGet();
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("someone")
                    .issuedAt(expiry.minusSeconds(60)).expiresAt(expiry).build();
        };
    }
}
