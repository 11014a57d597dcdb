package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;

/** standalone serves the web module at / (and the chart library from its webjar), to anyone, without a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPagesServedTest {

    @LocalServerPort
    int port;
    HttpJson api;

    @BeforeEach
    void system() {
        api = HttpJson.onPort(port);
    }

    @Test
    void theRootIsThePagesShell() {
        HttpJson.Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/app.js\"></script>", "<main id=\"main\"");
    }

    @Test
    void theModulesAreServedAsJavaScript() {
        for (String module : new String[] {"app", "api", "auth", "forms", "patient", "doctor", "admin", "auditor"}) {
            HttpJson.Response script = api.get("/js/" + module + ".js");
            assertThat(script.status()).as(module).isEqualTo(200);
            assertThat(script.contentType()).as(module).contains("javascript");
        }
    }

    @Test
    void theMailedInvitationLinkOpensThePages() {
        HttpJson.Response page = api.get("/accept-invite?token=some-token");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/js/app.js");
    }

    @Test
    void theChartLibraryComesFromItsWebjar() {
        HttpJson.Response library = api.get("/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(library.status()).isEqualTo(200);
        assertThat(library.contentType()).contains("javascript");
    }
}
