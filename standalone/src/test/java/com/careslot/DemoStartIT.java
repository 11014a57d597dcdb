package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;

/**
 * Start-up tells the truth (issue 19, point 10): {@code java -jar careslot.jar --demo} has its data in before it says
 * it is running, every printed sign-in works at that moment, the sign-ins (a receptionist and an auditor included)
 * come last in one block, and the first-admin line says where the admin came from.
 */
class DemoStartIT {

    private static final String PASSWORD = "demo-password-123";

    @TempDir
    Path dataDir;
    PackagedJar jar;

    @BeforeEach
    void prepare() throws IOException {
        jar = new PackagedJar(dataDir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        jar.kill();
    }

    @Test
    void theDemoIsReadyBeforeItSaysItIsRunningAndItsSignInsComeLastAndWork() throws Exception {
        Path log = jar.start("demo", "--demo");
        HttpJson api = HttpJson.onPort(jar.port());
        for (String email : new String[] {"rita.desk@demo.careslot", "audrey.auditor@demo.careslot",
                "pat.doe@demo.careslot", "maya.chen@demo.careslot"}) {
            HttpJson.Response signedIn = api.post("/api/auth/login",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(signedIn.status()).as(email + " signs in as soon as Careslot says it is running").isEqualTo(200);
        }

        String text = await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log),
                written -> written.contains("auditor  audrey.auditor@demo.careslot"));
        int created = text.indexOf("Demo data created");
        int running = text.indexOf("Careslot is running");
        int signIns = text.indexOf("Demo sign-ins");
        assertThat(created).as("the demo data is in first").isPositive().isLessThan(running);
        assertThat(signIns).as("the sign-ins come after 'running'").isGreaterThan(running);
        assertThat(text.substring(signIns)).contains("admin    admin@careslot.local", "desk     rita.desk@demo.careslot",
                "doctor   maya.chen@demo.careslot", "patient  pat.doe@demo.careslot");
        assertThat(text).contains("Created the admin account admin@careslot.local from this run's defaults")
                .doesNotContain("from CARESLOT_ADMIN_EMAIL");
        jar.stopGracefully();
    }
}
