package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * On the embedded default without {@code CARESLOT_ADMIN_EMAIL} / {@code CARESLOT_ADMIN_PASSWORD}, the first start
 * creates an admin and prints its generated password once; later starts on the same data keep it and print nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    static final Pattern SHOWN_ONCE = Pattern.compile("^\\s*Careslot admin \\(shown once\\): (\\S+) / (\\S+)\\s*$",
            Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartPrintsAGeneratedAdminPasswordOnceAndItKeepsWorking(CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext first = start()) {
            List<MatchResult> shown = SHOWN_ONCE.matcher(output.getOut()).results().toList();
            assertThat(shown).hasSize(1);
            assertThat(shown.get(0).group(1)).isEqualTo("admin@careslot.local");
            password = shown.get(0).group(2);
            assertThat(password).hasSizeGreaterThanOrEqualTo(10);
            assertThat(output.getAll().split(Pattern.quote(password), -1))
                    .as("the password appears nowhere else in the output").hasSize(2);
            assertSignsInAsAdmin(first, password);
        }
        int printedBefore = output.getOut().length();

        try (ConfigurableApplicationContext second = start()) {
            assertThat(output.getOut().substring(printedBefore)).doesNotContain("shown once");
            assertThat(SHOWN_ONCE.matcher(output.getOut()).results()).hasSize(1);
            assertSignsInAsAdmin(second, password);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CareslotStandalone.class)
                .properties("server.port=0", "spring.application.name=careslot-first-admin")
                .run("--careslot.data-dir=" + dataDir, "--careslot.admin.email=", "--careslot.admin.password=");
    }

    private static void assertSignsInAsAdmin(ConfigurableApplicationContext standalone, String password) {
        HttpJson api = HttpJson.onPort(((WebServerApplicationContext) standalone).getWebServer().getPort());
        HttpJson.Response login = api.post("/api/auth/login",
                "{\"email\":\"admin@careslot.local\",\"password\":\"" + password + "\"}");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().get("role").asText()).isEqualTo("ADMIN");
        TestAccounts.Session admin = new TestAccounts(api).login("admin@careslot.local", password);
        assertThat(api.as(admin.accessToken()).get("/api/auth/me").json().get("role").asText()).isEqualTo("ADMIN");
    }
}
