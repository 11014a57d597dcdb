package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.api.account.Role;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The resource server as a client meets it: a good token makes the caller the controllers see, any bad one — even
 * signed with our own key — is a 401 {@code invalid-token} problem, and a request without one is anonymous. (The
 * whole-application attacks are in {@code SecurityAttackTest}.) Shares {@link DenyByDefaultTest}'s context.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, DenyByDefaultTest.Endpoints.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BearerTokenTest {

    @LocalServerPort
    int port;
    @Autowired
    AccessTokens tokens;
    @Autowired
    SigningKeys keys;

    @Test
    void aGoodTokenMakesItsAccountTheCaller() {
        UUID doctor = UUID.randomUUID();
        String token = tokens.issue(doctor, Role.DOCTOR);

        for (String scheme : new String[] {"Bearer ", "bearer "}) {
            HttpJson.Response me = send("/test/me", scheme + token);
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().get("accountId").asText()).isEqualTo(doctor.toString());
            assertThat(me.json().get("role").asText()).isEqualTo("DOCTOR");
        }
        assertThat(send("/test/admins", "Bearer " + token).status()).as("ROLE_DOCTOR is not ROLE_ADMIN")
                .isEqualTo(403);
    }

    @Test
    void aTokenSignedWithOurKeyButNamingNoAccountOrRoleIsRefused() throws Exception {
        for (String token : new String[] {signed("not-a-uuid", "ADMIN"), signed(UUID.randomUUID().toString(), "ROOT"),
                signed(UUID.randomUUID().toString(), null)}) {
            assertInvalidToken(send("/test/me", "Bearer " + token));
            assertInvalidToken(send("/test/open", "Bearer " + token));
        }
    }

    @Test
    void aMalformedBearerHeaderIsRefused() {
        assertInvalidToken(send("/test/open", "Bearer a b"));
        assertInvalidToken(send("/test/open", "Bearer "));
        assertInvalidToken(send("/test/open", "Bearer \"quoted\""));
    }

    @Test
    void anotherSchemeOrNoHeaderIsAnonymous() {
        for (String header : new String[] {"Basic dXNlcjpwYXNz", null}) {
            assertThat(send("/test/open", header).status()).isEqualTo(200);
            HttpJson.Response me = send("/test/me", header);
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.json().get("type").asText()).isEqualTo("urn:careslot:problem:unauthenticated");
            assertThat(me.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    private String signed(String subject, String role) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).subject(subject)
                .claim("role", role).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.privateKey().orElseThrow()));
        return jwt.serialize();
    }

    private HttpJson.Response send(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpJson.onPort(port).send(request);
    }

    private static void assertInvalidToken(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:careslot:problem:invalid-token");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
