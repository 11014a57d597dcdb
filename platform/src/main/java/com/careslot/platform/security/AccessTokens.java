package com.careslot.platform.security;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.careslot.api.account.Role;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * Short-lived RS256 access tokens, made and checked with Spring Security's Nimbus encoder and decoder: {@code iss} is
 * {@value #ISSUER}, {@code sub} the account id, {@code role} its role. Only a process holding the private key (the
 * command side) issues them; every service verifies them with the public key ({@link #decoder}).
 */
public class AccessTokens {

    public static final String ISSUER = "careslot";
    static final String ROLE = "role";

    private final JwtEncoder encoder;
    private final Duration lifetime;
    private final Clock clock;

    private AccessTokens(JwtEncoder encoder, Duration lifetime, Clock clock) {
        this.encoder = encoder;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Tokens signed with the private key of {@code keys}; without one, {@link #issue} refuses. */
    static AccessTokens issuedWith(SigningKeys keys, Duration lifetime, Clock clock) {
        JwtEncoder encoder = keys.privateKey()
                .map(privateKey -> new RSAKey.Builder((RSAPublicKey) keys.publicKey()).privateKey(privateKey).build())
                .map(key -> new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))))
                .orElse(null);
        return new AccessTokens(encoder, lifetime, clock);
    }

    /**
     * The resource server's decoder: RS256 with our public key only (so {@code alg: none}, HMAC and foreign keys are
     * refused by construction), our issuer, an expiry that must be present and not passed (no clock skew), and
     * tokens verified once remembered until they expire ({@link RememberingJwtDecoder}).
     */
    static JwtDecoder decoder(SigningKeys keys, Clock clock) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator notExpired = new JwtTimestampValidator(Duration.ZERO);
        notExpired.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(notExpired,
                new JwtIssuerValidator(ISSUER),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
        return new RememberingJwtDecoder(nimbus, clock);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Signs a token for the account; only a process holding the private key can. */
    public String issue(UUID accountId, Role role) {
        if (encoder == null) {
            throw new IllegalStateException("This process has no JWT signing key");
        }
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(accountId.toString())
                .claim(ROLE, role.name())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
