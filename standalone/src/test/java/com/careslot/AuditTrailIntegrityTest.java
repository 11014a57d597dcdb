package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 16, points 3 to 5: a write the audit trail did not expect stops its segment where readiness shows it instead
 * of being dropped; an operator's check finds where the trail and the store part; the one-off repair (Flyway
 * migration V12 of the notification schema) restores a trail damaged the way the token-position bug damaged it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailIntegrityTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    HttpJson asAdmin;
    TestAccounts accounts;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
    }

    /**
     * Also issue 17's batch test: an availability rule commits its slots in one transaction, so the processor takes
     * them in batches; one event in the middle meets a planted row, its batch fails and is retried whole until the
     * row is gone, and then the trail holds every event once — nothing lost, nothing doubled.
     */
    @Test
    void aRowThatIsNotARedeliveryStopsTheSegmentVisiblyUntilItIsResolved() {
        TestAccounts.Session doctor = accounts.doctor();
        long head = head();
        // A row of another event where one of the rule's events will land: the trail must not skip its own event.
        jdbc.update("""
                insert into notification.audit_entry (global_index, event_id, type, occurred_at, meta_data, payload)
                values (?, ?, 'Planted', now(), '{}', '{}')""", head + 7, "planted-" + UUID.randomUUID());
        try {
            HttpJson.Response rule = api.as(doctor.accessToken()).post("/api/doctors/" + doctor.accountId()
                    + "/availability", "{\"rrule\":\"FREQ=DAILY;COUNT=3\",\"startTime\":\"09:00\","
                    + "\"endTime\":\"12:00\",\"slotMinutes\":30,\"validFrom\":\""
                    + LocalDate.now(ZoneOffset.UTC).plusDays(20) + "\"}");
            assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
            assertThat(head()).as("the rule's events reach past the planted row").isGreaterThan(head + 7);
            await().atMost(Duration.ofSeconds(30)).until(() -> auditTrailHealth().path("failing").asBoolean());
            assertThat(auditTrailHealth().path("failure").path("error").asText()).isEqualTo("DuplicateKeyException");
            HttpJson.Response readiness = asAdmin.get("/actuator/health/readiness");
            assertThat(readiness.status()).as("readiness while the trail cannot record an event").isEqualTo(503);
            assertThat(verify(head, head()).path("agrees").asBoolean()).isFalse();
        } finally {
            jdbc.update("delete from notification.audit_entry where type = 'Planted'");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(auditTrailHealth().path("failing").asBoolean()).isFalse();
            assertThat(verify(head, head()).path("agrees").asBoolean()).as("the trail has every event again").isTrue();
        });
        assertThat(jdbc.queryForObject("""
                select count(*) - count(distinct event_id) from notification.audit_entry where global_index > ?""",
                Long.class, head)).as("events written twice").isZero();
        assertThat(asAdmin.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void theCheckFindsTheFirstDivergenceAndTheRepairRestoresADamagedTrail() throws IOException {
        long before = head();
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        for (int hour = 8; hour < 12; hour++) {
            String slot = openSlot(asDoctor, doctor.accountId(), hour);
            assertThat(asPatient.post("/api/slots/" + slot + "/book", BOOK).status()).isEqualTo(201);
        }
        long after = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> verify(before, after).path("agrees").asBoolean());
        JsonNode agreeing = verify(before, after);
        assertThat(agreeing.path("store").path("events").asLong()).isEqualTo(after - before);
        assertThat(agreeing.path("store").path("byType").path("SlotBooked").asLong()).isEqualTo(4);
        assertThat(agreeing.path("trail").path("checksum").asText())
                .isEqualTo(agreeing.path("store").path("checksum").asText());
        assertThat(agreeing.has("firstDivergence")).isFalse();

        // The damage the token-position bug did: an event that filled a gap was written at a later event's index, and
        // the later event was then dropped; another event was dropped outright.
        List<Long> indexes = jdbc.queryForList("""
                select global_index from event_store.domain_event_entry where global_index > ? and global_index <= ?
                order by global_index""", Long.class, before, after);
        long gapFiller = indexes.get(2);
        long overwritten = indexes.get(5);
        long dropped = indexes.get(7);
        jdbc.update("delete from notification.audit_entry where global_index in (?, ?)", overwritten, dropped);
        jdbc.update("update notification.audit_entry set global_index = ? where global_index = ?", overwritten,
                gapFiller);

        JsonNode damaged = verify(before, after);
        assertThat(damaged.path("agrees").asBoolean()).isFalse();
        assertThat(damaged.path("trail").path("events").asLong()).isEqualTo(after - before - 2);
        assertThat(damaged.path("firstDivergence").path("globalIndex").asLong()).isEqualTo(gapFiller);
        assertThat(damaged.path("firstDivergence").path("store").path("eventId").asText()).isNotBlank();
        assertThat(damaged.path("firstDivergence").has("trail")).isFalse();

        String repair = new ClassPathResource("db/notification/V12__audit_trail_repair.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        jdbc.execute(repair);

        assertThat(verify(before, after).path("agrees").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry e
                  join notification.audit_entry a on a.global_index = e.global_index
                 where e.global_index > ? and e.global_index <= ?
                   and a.event_id = e.event_identifier
                   and a.payload = convert_from(e.payload, 'UTF8')::jsonb
                   and a.meta_data = convert_from(e.meta_data, 'UTF8')::jsonb
                   and a.occurred_at = e.time_stamp::timestamptz
                   and a.actor_id is not distinct from convert_from(e.meta_data, 'UTF8')::jsonb ->> 'actorId'
                   and a.correlation_id = convert_from(e.meta_data, 'UTF8')::jsonb ->> 'correlationId'""",
                Long.class, before, after)).as("entries equal to their events in every column").isEqualTo(after - before);
    }

    @Test
    void onlyAnAdminVerifiesAndTheRangeIsChecked() {
        assertProblem(api.get("/api/admin/projections/audit-trail/verify"), 401, "unauthenticated");
        assertProblem(api.as(accounts.patient().accessToken()).get("/api/admin/projections/audit-trail/verify"), 403,
                "forbidden");
        SlotApiTest.assertInvalid(asAdmin.get("/api/admin/projections/audit-trail/verify?after=10&upTo=5"), "upTo");
        SlotApiTest.assertInvalid(asAdmin.get("/api/admin/projections/audit-trail/verify?after=0&upTo=9000000000"),
                "upTo");
        SlotApiTest.assertInvalid(asAdmin.get("/api/admin/projections/audit-trail/verify?after=-1"), "after");
    }

    private JsonNode verify(long after, long upTo) {
        HttpJson.Response answer = asAdmin.get("/api/admin/projections/audit-trail/verify?after=" + after + "&upTo="
                + upTo);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode auditTrailHealth() {
        return asAdmin.get("/actuator/health").json().path("components").path("eventProcessors").path("details")
                .path("processors").path("audit-trail");
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from event_store.domain_event_entry",
                Long.class);
    }
}
