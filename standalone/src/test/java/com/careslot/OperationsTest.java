package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** What an operator's probes and scraper read: readiness with the event processors, and Prometheus metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void scheduledTasksRunOnTheirOwnThreadsNotOnTheCommandRetryThreads() {
        assertThat(context.getBeansOfType(ScheduledExecutorService.class)).as("Spring would schedule on it").isEmpty();
        assertThat(context.getBean(ThreadPoolTaskScheduler.class).getThreadNamePrefix()).isEqualTo("scheduled-");
    }

    /**
     * Read models and the mail outbox commit without waiting for the disk (their lost tail would be handled again with
     * its token); the command side's processors wait, as every command does; and the setting stays inside the
     * transaction, never on the pooled connection.
     */
    @Test
    void readModelProcessorsCommitAsynchronouslyAndNothingElseDoes() {
        EventProcessingConfiguration processing = context.getBean(org.axonframework.config.Configuration.class)
                .eventProcessingConfiguration();
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        for (String group : List.of("slot-view", "appointment-view", "audit-trail", "notification-recipients",
                "notification-mail")) {
            assertThat(settingInside(processing.transactionManager(group), jdbc)).as(group).isEqualTo("off");
        }
        for (String group : List.of("payment-follow-up", "availability-rules")) {
            assertThat(settingInside(processing.transactionManager(group), jdbc)).as(group).isEqualTo("on");
        }
        assertThat(settingInside(context.getBean(TransactionManager.class), jdbc)).as("commands").isEqualTo("on");
    }

    private static String settingInside(TransactionManager transactions, JdbcTemplate jdbc) {
        Transaction transaction = transactions.startTransaction();
        String setting;
        try {
            setting = jdbc.queryForObject("select current_setting('synchronous_commit')", String.class);
        } finally {
            transaction.commit();
        }
        return setting;
    }

    @Test
    void readinessCoversTheDatabaseAndTheEventProcessorsAndShowsDetailsOnlyToAdmins() {
        HttpJson api = HttpJson.onPort(port);

        HttpJson.Response anonymous = api.get("/actuator/health/readiness");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();

        JsonNode readiness = api.as(new TestAccounts(api).admin().accessToken()).get("/actuator/health/readiness").json();
        assertThat(readiness.get("components").has("db")).isTrue();
        JsonNode processors = readiness.get("components").get("eventProcessors");
        assertThat(processors.get("status").asText()).isEqualTo("UP");
        JsonNode slotView = processors.get("details").get("processors").get("slot-view");
        assertThat(slotView.get("running").asBoolean()).isTrue();
        assertThat(slotView.get("failing").asBoolean()).isFalse();
        assertThat(slotView.get("segments").asInt()).isPositive();
        assertThat(processors.get("details").get("processors").has("audit-trail")).isTrue();
    }

    @Test
    void askingForHealthOpensNoSmtpSession() {
        HttpJson api = HttpJson.onPort(port);

        JsonNode health = api.as(new TestAccounts(api).admin().accessToken()).get("/actuator/health").json();

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("mail"))
                .as("a mail contributor connects to the SMTP server on every health request, anyone's").isFalse();
    }

    @Test
    void prometheusShowsBookingsConflictsAndProjectionLag() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 7);
        api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);
        api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);

        HttpJson.Response scraped = api.get("/actuator/prometheus");

        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
        assertThat(scraped.body())
                .contains("careslot_projection_lag_events{processor=\"slot-view\"")
                .contains("careslot_eventstore_append_conflicts")
                .contains("commandBus_successCounter_total{payloadType=\"BookSlot\"}")
                .containsPattern("eventProcessor_processedCounter_total\\{[^}]*slot-view")
                .contains("careslot_slot_busy_total")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/slots/\\{slotId}/book\"");
        assertThat(scraped.body()).as("a processor's lag, and only the events it handles are counted")
                .contains("eventProcessor_latency{processorName=\"slot-view\"}")
                .contains("eventProcessor_ingestedCounter_total{payloadType=\"SlotBooked\",processorName=\"slot-view\"}")
                .doesNotContain("payloadType=\"PatientRegistered\",processorName=\"slot-view\"")
                .doesNotContain("eventProcessor_capacity");
        assertThat(scraped.body()).as("Spring Security's per-filter timers are off")
                .doesNotContain("spring_security_filterchains");
        assertThat(scraped.body()).as("nothing personal in the metrics").doesNotContain(slotId)
                .doesNotContain(doctor.email()).doesNotContain(UUID.randomUUID().toString());
    }
}
