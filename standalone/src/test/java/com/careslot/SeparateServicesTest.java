package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.careslot.command.CommandSideApplication;
import com.careslot.notification.NotificationProjectorApplication;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.careslot.query.QuerySideApplication;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The three services each run alone, as in docker-compose: their own application, port and pool, sharing only the
 * PostgreSQL event store. A write on the command side reaches the query side and the audit trail through it.
 */
class SeparateServicesTest {

    static ConfigurableApplicationContext commandSide;
    static ConfigurableApplicationContext querySide;
    static ConfigurableApplicationContext notifications;

    @BeforeAll
    static void startEachServiceAlone() {
        querySide = start(QuerySideApplication.class, "query-side");
        notifications = start(NotificationProjectorApplication.class, "notification-projector");
        commandSide = start(CommandSideApplication.class, "command-side");
    }

    @AfterAll
    static void stop() {
        commandSide.close();
        querySide.close();
        notifications.close();
    }

    @Test
    void aBookingOnTheCommandSideReachesTheQuerySideAndTheAuditTrail() {
        HttpJson writes = client(commandSide);
        HttpJson reads = client(querySide);
        TestAccounts accounts = new TestAccounts(writes);
        TestAccounts.Session doctor = accounts.doctor();
        TestAccounts.Session patient = accounts.patient();
        UUID patientId = patient.accountId();
        HttpJson audit = client(notifications).as(accounts.admin().accessToken());

        String slotId = openSlot(writes.as(doctor.accessToken()), doctor.accountId(), 10);
        assertThat(writes.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK).status())
                .isEqualTo(201);

        HttpJson patientReads = reads.as(patient.accessToken());
        JsonNode slot = await().atMost(Duration.ofSeconds(15)).until(() -> patientReads.get("/api/slots/" + slotId),
                r -> r.status() == 200 && "BOOKED".equals(r.json().get("status").asText())).json();
        assertThat(slot.get("patientId").asText()).isEqualTo(patientId.toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(audit.get("/api/audit/events?aggregateId=" + slotId).json().get("items")
                        .findValuesAsText("type")).containsExactly("SlotOpened", "SlotBooked"));

        // The one read the command side answers: a slot's state at an instant, rebuilt by the aggregate itself.
        JsonNode asOfNow = writes.as(accounts.admin().accessToken()).get("/api/audit/slots/" + slotId).json();
        assertThat(asOfNow.get("status").asText()).isEqualTo("BOOKED");
        assertThat(audit.get("/api/audit/slots/" + slotId + "/history").json().get("items").findValuesAsText("type"))
                .containsExactly("SlotOpened", "SlotBooked");

        // A patient's export is assembled by the notification projector alone, from what it keeps; the doctor's day
        // read on the query side and the admin's state read on the command side are in its access log.
        assertThat(reads.as(doctor.accessToken()).get("/api/doctors/me/appointments").status()).isEqualTo(200);
        JsonNode export = await().atMost(Duration.ofSeconds(15)).until(
                () -> client(notifications).as(patient.accessToken()).get("/api/patients/me/export").json(),
                body -> body.path("appointments").size() == 1
                        && body.path("accessLog").findValuesAsText("resource").contains("doctor-appointments"));
        assertThat(export.path("appointments").get(0).path("doctorName").asText()).isEqualTo("Dr. Test");
        assertThat(export.path("accessLog").findValuesAsText("resource"))
                .contains("audit-entries", "slot-as-of", "doctor-appointments");

        // 405 since the command side maps DELETE /api/slots/{slotId}: the path is known there, but not for reading.
        assertThat(writes.get("/api/slots/" + slotId).status()).as("reads are not the command side's")
                .isIn(404, 405);
        assertThat(reads.as(patient.accessToken()).post("/api/slots/" + slotId + "/cancel", null).status())
                .as("writes are not the query side's").isIn(404, 405);
    }

    /**
     * Deployed alone, only the command side has db-scheduler (its deadlines) on the classpath; this module's test
     * classpath has it for all three, so the other two switch it off.
     */
    private static ConfigurableApplicationContext start(Class<?> application, String name) {
        return new SpringApplicationBuilder(application)
                .properties("server.port=0", "spring.application.name=" + name,
                        "db-scheduler.enabled=" + (application == CommandSideApplication.class))
                .run();
    }

    private static HttpJson client(ConfigurableApplicationContext service) {
        return HttpJson.onPort(((WebServerApplicationContext) service).getWebServer().getPort());
    }
}
