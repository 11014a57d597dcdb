package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;

/**
 * The README's run command, {@code standalone/target/careslot --demo}, as a user runs it.
 * <ul>
 *   <li>Start-up tells the truth (issue 19, point 10): the demo data is in before it says it is running, every printed
 *   sign-in works at that moment, the sign-ins (a receptionist and an auditor included) come last in one block, and
 *   the first-admin line says where the admin came from.</li>
 *   <li>The fast start (issue 17, point 6): the build leaves the extracted jar and a class-data archive from its
 *   training start beside the launcher, and the start loads Careslot's, Spring's and Axon's classes from that archive,
 *   as the JVM's class-loading log says. Times are in docs/BENCHMARKS.md, not asserted here.</li>
 * </ul>
 * One start serves both: starting the application costs about ten seconds of the suite.
 */
class DemoStartIT {

    private static final String PASSWORD = "demo-password-123";
    private static final Path LAUNCHER = Path.of(System.getProperty("careslot.launcher", "target/careslot"));
    private static final Path APP = LAUNCHER.resolveSibling("careslot-app");

    @TempDir
    Path dataDir;
    PackagedJar jar;

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.kill();
        }
    }

    @Test
    void theDemoStartsFromTheBuildsClassDataArchiveIsReadyBeforeItSaysItIsRunningAndItsSignInsWork() throws Exception {
        assertThat(LAUNCHER).isExecutable();
        assertThat(APP.resolve("careslot.jar")).isRegularFile();
        assertThat(APP.resolve("lib")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("axon-eventsourcing"));
        assertThat(APP.resolve("careslot.jsa")).isRegularFile();

        Path classes = dataDir.resolve("classes.log");
        jar = new PackagedJar(dataDir).withJvmOptions("-Xlog:class+load=info:file=" + classes);
        Path log = jar.start("demo", "--demo");
        HttpJson api = HttpJson.onPort(jar.port());
        for (String email : new String[] {"rita.desk@demo.careslot", "audrey.auditor@demo.careslot",
                "pat.doe@demo.careslot", "maya.chen@demo.careslot"}) {
            HttpJson.Response signedIn = api.post("/api/auth/login",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(signedIn.status()).as(email + " signs in as soon as Careslot says it is running").isEqualTo(200);
        }
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

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

        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("classes from the build's archive (the dynamic 'top' layer)")
                .anyMatch(line -> line.contains(" com.careslot.CareslotStandalone source: shared objects file (top)"))
                .anyMatch(line -> line.contains(
                        " org.springframework.context.support.AbstractApplicationContext source: shared objects file (top)"))
                .anyMatch(line -> line.contains(
                        " org.axonframework.eventhandling.pooled.Coordinator source: shared objects file (top)"));
        jar.stopGracefully();
    }
}
