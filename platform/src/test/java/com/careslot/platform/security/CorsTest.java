package com.careslot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.app.PlatformTestApplication;

/**
 * A browser app on an origin the operator allows ({@code careslot.cors.allowed-origins}) may call the API; any
 * other origin may not. The default, allowing none, is in the standalone's {@code SignUpAndSignInTest}. The rule is
 * the security filter chain's, before any endpoint: the platform's test application is enough to hold it.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, DenyByDefaultTest.Endpoints.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careslot.cors.allowed-origins=https://clinic.example")
class CorsTest {

    @LocalServerPort
    int port;

    @Test
    void aPreflightFromAnAllowedOriginIsAllowed() {
        HttpJson.Response preflight = preflight(HttpJson.onPort(port), "https://clinic.example");

        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://clinic.example");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization")
                .containsIgnoringCase("content-type");
    }

    @Test
    void aPreflightFromAnotherOriginIsNot() {
        HttpJson.Response preflight = preflight(HttpJson.onPort(port), "https://evil.example");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    /** What a browser sends before a cross-origin sign-in with a JSON body and a bearer token. */
    static HttpJson.Response preflight(HttpJson api, String origin) {
        // The rule covers /api/**; the preflight is answered by the filter chain whether or not an endpoint is there
        return api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }
}
