package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import com.careslot.api.account.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * What a token is judged by — signature, algorithm, issuer, expiry, the account and role it names — and that
 * remembering verified tokens changes none of it.
 */
class AccessTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final SigningKeys keys = keys();
    private final AccessTokens tokens = AccessTokens.issuedWith(keys, Duration.ofMinutes(15), clock);
    private final JwtDecoder decoder = AccessTokens.decoder(keys, clock);

    @Test
    void aTokenIsTheSameCallerEveryTimeItIsVerified() {
        UUID patient = UUID.randomUUID();
        String token = tokens.issue(patient, Role.PATIENT);

        for (int i = 0; i < 3; i++) {
            CallerAuthentication authentication = CallerAuthentication.of(decoder.decode(token));
            assertThat(authentication.getPrincipal()).isEqualTo(new Caller(patient, Role.PATIENT));
            assertThat(authentication.getName()).isEqualTo(patient.toString());
            assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PATIENT");
            assertThat(authentication.isAuthenticated()).isTrue();
        }
    }

    @Test
    void aRememberedTokenStillExpires() {
        String token = tokens.issue(UUID.randomUUID(), Role.PATIENT);
        decoder.decode(token);

        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(decoder.decode(token).getSubject()).as("valid up to its expiry").isNotNull();
        clock.now = clock.now.plusSeconds(1);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAfterTheRealOneWasRemembered() {
        String token = tokens.issue(UUID.randomUUID(), Role.PATIENT);
        decoder.decode(token);
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + AccessTokens.issuedWith(keys(), Duration.ofMinutes(15), clock).issue(UUID.randomUUID(), Role.ADMIN)
                .substring(token.lastIndexOf('.') + 1);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void refusesTokensNotSignedRS256WithOurKey() throws Exception {
        JWTClaimsSet admin = claims(AccessTokens.ISSUER, clock.now.plusSeconds(600), "ADMIN");

        String unsigned = new PlainJWT(admin).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), admin);
        hmac.sign(new MACSigner(keys.publicKey().getEncoded()));
        String foreignKey = signed(keys(), admin);

        for (String token : new String[] {unsigned, hmac.serialize(), foreignKey, "garbage", "a.b.c", ""}) {
            assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(BadJwtException.class);
        }
        assertThat(decoder.decode(signed(keys, admin)).getClaimAsString("role")).as("the control").isEqualTo("ADMIN");
    }

    @Test
    void refusesAnotherIssuerAndATokenThatNeverExpires() throws Exception {
        String otherIssuer = signed(keys, claims("not-careslot", clock.now.plusSeconds(600), "ADMIN"));
        String forever = signed(keys, claims(AccessTokens.ISSUER, null, "ADMIN"));

        assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forever)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aSignedTokenNamingNoKnownRoleIsRefused() throws Exception {
        String token = signed(keys, claims(AccessTokens.ISSUER, clock.now.plusSeconds(600), "SUPERUSER"));

        assertThatThrownBy(() -> CallerAuthentication.of(decoder.decode(token)))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aProcessWithOnlyThePublicKeyVerifiesButIssuesNothing() {
        SigningKeys publicOnly = new SigningKeys(keys.publicKey(), null);
        String token = tokens.issue(UUID.randomUUID(), Role.DOCTOR);

        assertThat(AccessTokens.decoder(publicOnly, clock).decode(token).getClaimAsString("role")).isEqualTo("DOCTOR");
        assertThatThrownBy(() -> AccessTokens.issuedWith(publicOnly, Duration.ofMinutes(15), clock)
                .issue(UUID.randomUUID(), Role.ADMIN)).isInstanceOf(IllegalStateException.class);
    }

    private JWTClaimsSet claims(String issuer, Instant expiry, String role) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString()).claim("role", role)
                .issueTime(Date.from(clock.now)).expirationTime(expiry == null ? null : Date.from(expiry)).build();
    }

    private static String signed(SigningKeys with, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) with.privateKey().orElseThrow()));
        return jwt.serialize();
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

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
