package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.position.ProjectionProgress;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** Invariant 6: replaying every event from the start rebuilds read models identical to the live ones. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    Configuration axon;
    @Autowired
    JdbcTemplate jdbc;
    HttpJson api;
    TestAccounts accounts;
    HttpJson asAdmin;

    @BeforeEach
    void signIn() {
        LocalProcessors.awaitAllSegments(axon, progress);
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void aFullReplayRebuildsEveryReadModelTableIdentically() {
        mixedRun();
        List<String> projections = names(awaitAllCaughtUp());
        assertThat(projections).contains("slot-view");

        Map<String, String> before;
        Map<String, String> after;
        int attempts = 0;
        do {
            long head = head();
            before = checksums();
            for (String name : projections) {
                HttpJson.Response replay = asAdmin.post("/api/admin/projections/" + name + "/replay", "");
                assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
                assertThat(replay.header("Location")).endsWith("/api/admin/projections/" + name);
            }
            awaitAllCaughtUp();
            after = checksums();
            if (head() == head) {
                break;
            }
        } while (++attempts < 3); // another test's deadline fired meanwhile: compare again on a quiet store

        assertThat(before.keySet()).as("read-model tables").contains("slot");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void onlyAnAdminReplaysAndOnlyProjectionsOfTheQuerySide() {
        assertProblem(api.post("/api/admin/projections/slot-view/replay", ""), 401, "unauthenticated");
        assertProblem(api.as(accounts.patient().accessToken()).post("/api/admin/projections/slot-view/replay", ""),
                403, "forbidden");
        assertProblem(asAdmin.post("/api/admin/projections/no-such-projection/replay", ""), 404, "not-found");
        assertProblem(asAdmin.post("/api/admin/projections/audit-trail/replay", ""), 404, "not-found");
        assertProblem(asAdmin.get("/api/admin/projections/audit-trail"), 404, "not-found");
    }

    /** Every kind of slot event, so every handler of every projection has run before the replay. */
    private void mixedRun() {
        TestAccounts.Session doctor = accounts.doctor("Dermatology");
        HttpJson asDoctor = api.as(doctor.accessToken());
        UUID doctorId = doctor.accountId();
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        String booked = openSlot(asDoctor, doctorId, 8);
        String cancelled = openSlot(asDoctor, doctorId, 9);
        String movedFrom = openSlot(asDoctor, doctorId, 10);
        String movedTo = openSlot(asDoctor, doctorId, 11);
        String blocked = openSlot(asDoctor, doctorId, 12);
        String removed = openSlot(asDoctor, doctorId, 13);
        String held = openSlot(asDoctor, doctorId, 14);
        String unblocked = openSlot(asDoctor, doctorId, 15);
        expect(asPatient.post("/api/slots/" + booked + "/book", BOOK));
        expect(asPatient.post("/api/slots/" + cancelled + "/book", BOOK));
        expect(asPatient.post("/api/slots/" + cancelled + "/cancel", "{\"reason\":\"feeling better\"}"));
        expect(asPatient.post("/api/slots/" + movedFrom + "/book", BOOK));
        expect(asPatient.post("/api/slots/" + movedFrom + "/reschedule", "{\"toSlotId\":\"" + movedTo + "\"}"));
        expect(asDoctor.post("/api/slots/" + blocked + "/block", "{}"));
        expect(asDoctor.post("/api/slots/" + unblocked + "/block", "{}"));
        expect(asDoctor.post("/api/slots/" + unblocked + "/unblock", "{}"));
        expect(asDoctor.delete("/api/slots/" + removed));
        String holdId = asPatient.post("/api/slots/" + held + "/hold", "{}").json().get("holdId").asText();
        expect(asPatient.post("/api/slots/" + held + "/book", "{\"holdId\":\"" + holdId + "\"}"));
        Instant soon = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String checkedIn = asDoctor.post("/api/doctors/" + doctorId + "/slots", Calendar.slotJson(soon,
                soon.plus(Duration.ofMinutes(15)))).json().get("slotId").asText();
        expect(asPatient.post("/api/slots/" + checkedIn + "/book", BOOK));
        expect(asDoctor.post("/api/slots/" + checkedIn + "/check-in", "{}"));
    }

    private JsonNode awaitAllCaughtUp() {
        JsonNode[] projections = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            projections[0] = asAdmin.get("/api/admin/projections").json();
            for (JsonNode projection : projections[0]) {
                if (!projection.get("caughtUp").asBoolean() || projection.get("replaying").asBoolean()) {
                    return false;
                }
            }
            return projections[0].size() > 0;
        });
        return projections[0];
    }

    private static List<String> names(JsonNode projections) {
        return projections.findValuesAsText("name");
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from event_store.domain_event_entry",
                Long.class);
    }

    /** One digest per read-model table over all its rows, in a fixed order. */
    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'query_side' and table_type = 'BASE TABLE'
                  and table_name <> 'flyway_schema_history' order by table_name""", String.class)) {
            sums.put(table, jdbc.queryForObject("select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' "
                    + "order by t::text), '')) from query_side." + table + " t", String.class));
        }
        return sums;
    }

    private static void expect(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
    }
}
