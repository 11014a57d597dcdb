package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.careslot.api.account.Role;

/** Remembering verified tokens changes nothing a token is judged by: signature, issuer, expiry. */
class AccessTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final AccessTokens tokens = new AccessTokens(keys(), Duration.ofMinutes(15), clock);

    @Test
    void aTokenIsTheSameCallerEveryTimeItIsVerified() {
        UUID patient = UUID.randomUUID();
        String token = tokens.issue(patient, Role.PATIENT);

        for (int i = 0; i < 3; i++) {
            Caller caller = tokens.verify(token);
            assertThat(caller.accountId()).isEqualTo(patient);
            assertThat(caller.role()).isEqualTo(Role.PATIENT);
        }
    }

    @Test
    void aRememberedTokenStillExpires() {
        String token = tokens.issue(UUID.randomUUID(), Role.PATIENT);
        tokens.verify(token);

        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(AccessTokens.InvalidTokenException.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAfterTheRealOneWasRemembered() {
        String token = tokens.issue(UUID.randomUUID(), Role.PATIENT);
        tokens.verify(token);
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + new AccessTokens(keys(), Duration.ofMinutes(15), clock).issue(UUID.randomUUID(), Role.ADMIN)
                .substring(token.lastIndexOf('.') + 1);

        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(AccessTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(AccessTokens.InvalidTokenException.class);
    }

    private static SigningKeys keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKeys(pair.getPublic(), pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
