package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;

/**
 * A browser app on an origin the operator allows ({@code careslot.cors.allowed-origins}) may call the API; any
 * other origin may not. The default, allowing none, is in {@link SignUpAndSignInTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careslot.cors.allowed-origins=https://clinic.example")
// Its own settings make its own context on the shared database; closed afterwards so its event processors stop
// competing with the shared context's for segments (read-your-writes and the live stream need all of them there).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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
        return api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }
}
