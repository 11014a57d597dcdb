package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.careslot.platform.database.EmbeddedPostgresServer;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * {@code CARESLOT_DB_URL}, {@code CARESLOT_DB_USER} and {@code CARESLOT_DB_PASSWORD} point standalone at a
 * PostgreSQL of the operator's: the local server on 127.0.0.1:5432 where one runs (a fresh database created for
 * this test), else a second PostgreSQL started separately by the test. No embedded server starts for it.
 */
class ExternalDatabaseTest {

    static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

    static String url;
    static String user;
    static String database;
    static boolean onLocalServer;
    static EmbeddedPostgresServer second;
    static ConfigurableApplicationContext standalone;

    @BeforeAll
    static void startOnAnExternalDatabase() throws SQLException {
        database = "careslot_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(LOCAL_SERVER, "postgres", "")) {
            admin.createStatement().execute("create database " + database);
            url = "jdbc:postgresql://127.0.0.1:5432/" + database;
            user = "postgres";
            onLocalServer = true;
        } catch (SQLException noLocalServer) {
            second = EmbeddedPostgresServer.obtain(Path.of("target/external-postgres"), 0, true);
            url = second.jdbcUrl();
            user = second.user();
        }
        standalone = new SpringApplicationBuilder(CareslotStandalone.class)
                .properties("server.port=0", "spring.application.name=careslot-external-db")
                .run("--careslot.db.url=" + url, "--careslot.db.user=" + user, "--careslot.db.password=");
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        standalone.close();
        if (second != null) {
            second.release();
        }
        if (onLocalServer) {
            try (Connection admin = DriverManager.getConnection(LOCAL_SERVER, "postgres", "")) {
                admin.createStatement().execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    @Test
    void keepsEveryEventInTheConfiguredDatabase() {
        assertThat(standalone.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        HttpJson api = HttpJson.onPort(((WebServerApplicationContext) standalone).getWebServer().getPort());
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();

        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 9);
        assertThat(api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/slots/" + slotId).json().path("status").asText(), "BOOKED"::equals);

        JdbcTemplate external = new JdbcTemplate(new SingleConnectionDataSource(url, user, "", true));
        assertThat(external.queryForList(
                "select payload_type from event_store.domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, slotId))
                .containsExactly("com.careslot.api.slot.SlotOpened", "com.careslot.api.slot.SlotBooked");
        assertThat(external.queryForObject("select status from query_side.slot where slot_id = ?::uuid",
                String.class, slotId)).isEqualTo("BOOKED");
        assertThat(external.queryForObject("select count(*) from command_side.account where role = 'ADMIN'",
                Integer.class)).isEqualTo(1);
        assertThat(external.queryForObject("select data_type from information_schema.columns "
                + "where table_schema = 'event_store' and table_name = 'domain_event_entry' "
                + "and column_name = 'payload'", String.class)).isEqualTo("bytea");
    }
}
