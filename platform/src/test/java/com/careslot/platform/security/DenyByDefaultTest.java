package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;

/**
 * An endpoint added without a rule is unreachable for everyone, signed in or not, whatever it takes; the endpoints
 * that state one, and the framework's own (OpenAPI document, health), answer as before.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, DenyByDefaultTest.Endpoints.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DenyByDefaultTest {

    @LocalServerPort
    int port;
    @Autowired
    AccessTokens tokens;

    @Test
    void anEndpointWithoutARuleIsRefusedToEveryone() {
        HttpJson anonymous = HttpJson.onPort(port);
        HttpJson admin = anonymous.as(tokens.issue(UUID.randomUUID(), Role.ADMIN));

        for (HttpJson caller : new HttpJson[] {anonymous, admin}) {
            assertForbidden(caller.get("/test/forgotten"));
            assertForbidden(caller.post("/test/forgotten", "{\"anything\": 1}"));
            assertForbidden(caller.post("/test/forgotten", "not even json"));
        }
    }

    @Test
    void endpointsThatStateARuleAnswerByIt() {
        HttpJson anonymous = HttpJson.onPort(port);
        assertThat(anonymous.get("/test/open").status()).isEqualTo(200);
        assertThat(anonymous.get("/test/admins").status()).isEqualTo(401);
        assertForbidden(anonymous.as(tokens.issue(UUID.randomUUID(), Role.PATIENT)).get("/test/admins"));
        assertThat(anonymous.as(tokens.issue(UUID.randomUUID(), Role.ADMIN)).get("/test/admins").status())
                .isEqualTo(200);
    }

    @Test
    void theFrameworksOwnEndpointsStayReachable() {
        HttpJson anonymous = HttpJson.onPort(port);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    private static void assertForbidden(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:careslot:problem:forbidden");
    }

    @RestController
    static class Endpoints {

        @GetMapping("/test/forgotten")
        String forgotten() {
            return "should never be seen";
        }

        @PostMapping("/test/forgotten")
        String forgotten(@RequestBody Object body) {
            return "should never be seen";
        }

        @GetMapping("/test/open")
        @PreAuthorize("permitAll()")
        String open() {
            return "open";
        }

        @GetMapping("/test/admins")
        @PreAuthorize("hasRole('ADMIN')")
        String admins() {
            return "admins";
        }

        /** Who the caller is, as controllers see it; used by {@link BearerTokenTest}. */
        @GetMapping("/test/me")
        @PreAuthorize("isAuthenticated()")
        Caller me(@AuthenticationPrincipal Caller caller) {
            return caller;
        }
    }
}
