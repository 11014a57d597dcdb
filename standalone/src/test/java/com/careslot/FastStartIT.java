package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.careslot.platform.test.HttpJson;

/**
 * The fast start (issue 17, point 6): the build leaves the extracted jar and a class-data archive from its training
 * start beside the launcher, and a start through the launcher (the README's run command) loads Careslot's and Spring's
 * classes from that archive, as the JVM's class-loading log says. Times are in docs/BENCHMARKS.md, not asserted here.
 */
class FastStartIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("careslot.launcher", "target/careslot"));
    private static final Path APP = LAUNCHER.resolveSibling("careslot-app");

    @TempDir
    Path dataDir;
    PackagedJar jar;

    @AfterEach
    void stop() throws InterruptedException {
        jar.kill();
    }

    @Test
    void theLauncherStartsTheExtractedJarWithTheClassDataArchiveOfTheBuild() throws Exception {
        assertThat(LAUNCHER).isExecutable();
        assertThat(APP.resolve("careslot.jar")).isRegularFile();
        assertThat(APP.resolve("lib")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("axon-eventsourcing"));
        assertThat(APP.resolve("careslot.jsa")).isRegularFile();

        Path classes = dataDir.resolve("classes.log");
        jar = new PackagedJar(dataDir).withJvmOptions("-Xlog:class+load=info:file=" + classes);
        jar.start("fast");
        assertThat(HttpJson.onPort(jar.port()).get("/actuator/health/readiness").status()).isEqualTo(200);

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
