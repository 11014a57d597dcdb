package com.careslot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded PostgreSQL started ahead of the bean definitions (issue 17, point 6): the context uses the server
 * started ahead, and lets go of it when it closes, whether or not it ever took it.
 */
class EmbeddedPostgresHeadStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theContextRunsOnTheServerStartedAheadAndStopsItWhenItCloses() throws IOException {
        int port = freePort();
        contextWith(port).withConfiguration(AutoConfigurations.of(DatabaseAutoConfiguration.class)).run(context -> {
            assertThat(context).hasNotFailed().hasBean(EmbeddedPostgresHeadStart.BEAN);
            assertThat(context.getBean(EmbeddedPostgresServer.class).port()).isEqualTo(port);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select 1", Integer.class))
                    .isEqualTo(1);
        });
        assertStopped(port);
    }

    @Test
    void aContextThatNeverTookTheServerLetsGoOfItToo() throws IOException {
        int port = freePort();
        contextWith(port).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedPostgresServer.class);
            await().atMost(Duration.ofMinutes(1)).until(() -> listening(port));
            // closing waits for the start to finish, then stops the server
        });
        assertStopped(port);
    }

    @Test
    void anExternalDatabaseStartsNothing() {
        new ApplicationContextRunner().withInitializer(new EmbeddedPostgresHeadStart())
                .withPropertyValues("careslot.db.url=jdbc:postgresql://127.0.0.1:1/elsewhere")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgresHeadStart.BEAN));
    }

    private ApplicationContextRunner contextWith(int port) {
        return new ApplicationContextRunner().withInitializer(new EmbeddedPostgresHeadStart())
                .withPropertyValues("careslot.data-dir=" + dataDir, "careslot.db.embedded-port=" + port,
                        "careslot.db.wipe-on-start=true");
    }

    private static void assertStopped(int port) {
        assertThat(listening(port)).as("the server stopped with the context").isFalse();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
