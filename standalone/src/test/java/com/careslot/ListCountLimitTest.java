package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lists that can grow without bound (slots, appointments, the audit trail) count their matches only up to
 * {@code careslot.queries.count-limit}: below it {@code totalItems} is exact, beyond it {@code totalItems} is the limit
 * and {@code totalItemsExact} false; a page starting at or past the limit is refused, naming {@code page}. The limit
 * is 5 here, so a handful of rows crosses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careslot.queries.count-limit=" + ListCountLimitTest.LIMIT)
// Its own settings make its own context on the shared database; closed afterwards so its event processors stop
// competing with the shared context's for segments.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListCountLimitTest {

    static final int LIMIT = 5;

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asAdmin;
    HttpJson asAuditor;
    TestAccounts accounts;
    People people;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        asAuditor = api.as(AuditTrailTest.auditor(api, accounts).accessToken());
        people = new People(api, accounts, asAdmin);
    }

    @Test
    void countsSlotsExactlyBelowTheLimitAndSaysSoBeyondIt() {
        UUID few = people.onboardedDoctor("Dr. Few Slots", People.uniqueSpecialization("Limit"));
        UUID many = people.onboardedDoctor("Dr. Many Slots", People.uniqueSpecialization("Limit"));
        openSlots(few, LIMIT);
        List<String> manySlots = openSlots(many, LIMIT + 2);

        JsonNode exact = awaitList("/api/slots?doctorId=" + few, page -> page.get("items").size() == LIMIT);
        assertThat(exact.get("totalItems").asInt()).isEqualTo(LIMIT);
        assertThat(exact.get("totalItemsExact").asBoolean()).isTrue();

        JsonNode capped = awaitList("/api/slots?doctorId=" + many, page -> page.get("items").size() == LIMIT + 2);
        assertThat(capped.get("items").findValuesAsText("slotId")).containsExactlyElementsOf(manySlots);
        assertThat(capped.get("totalItems").asInt()).isEqualTo(LIMIT);
        assertThat(capped.get("totalItemsExact").asBoolean()).isFalse();

        JsonNode lastPage = api.get("/api/slots?doctorId=" + many + "&size=2&page=2").json();
        assertThat(lastPage.get("items").findValuesAsText("slotId")).containsExactlyElementsOf(manySlots.subList(4, 6));
        assertInvalid(api.get("/api/slots?doctorId=" + many + "&size=2&page=3"), "page");
        assertInvalid(api.get("/api/slots?doctorId=" + few + "&size=1&page=" + LIMIT), "page");
    }

    @Test
    void countsAppointmentsUpToTheLimit() {
        UUID doctorId = people.onboardedDoctor("Dr. Booked Out", People.uniqueSpecialization("Limit"));
        HttpJson asPatient = api.as(people.patient("Patty Many").accessToken());
        for (String slotId : openSlots(doctorId, LIMIT + 1)) {
            assertThat(asPatient.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);
        }
        String all = "/api/admin/appointments?doctorId=" + doctorId;

        JsonNode capped = await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get(all).json(),
                page -> page.get("items").size() == LIMIT + 1);
        assertThat(capped.get("totalItems").asInt()).isEqualTo(LIMIT);
        assertThat(capped.get("totalItemsExact").asBoolean()).isFalse();
        JsonNode mine = asPatient.get("/api/patients/me/appointments").json();
        assertThat(mine.get("totalItems").asInt()).isEqualTo(LIMIT);
        assertThat(mine.get("totalItemsExact").asBoolean()).isFalse();

        JsonNode cancelled = asAdmin.get(all + "&status=cancelled").json();
        assertThat(cancelled.get("totalItems").asInt()).isZero();
        assertThat(cancelled.get("totalItemsExact").asBoolean()).isTrue();
        assertInvalid(asAdmin.get(all + "&size=5&page=1"), "page");
        assertInvalid(asPatient.get("/api/patients/me/appointments?size=1&page=5"), "page");
    }

    @Test
    void countsTheAuditTrailUpToTheLimit() {
        UUID doctorId = people.onboardedDoctor("Dr. Audited", People.uniqueSpecialization("Limit"));
        String slotId = openSlots(doctorId, 1).get(0);

        JsonNode whole = await().atMost(Duration.ofSeconds(10)).until(() -> asAuditor.get("/api/audit/events").json(),
                page -> !page.get("totalItemsExact").asBoolean());
        assertThat(whole.get("totalItems").asInt()).isEqualTo(LIMIT);

        JsonNode oneSlot = await().atMost(Duration.ofSeconds(10))
                .until(() -> asAuditor.get("/api/audit/events?aggregateId=" + slotId).json(),
                        page -> page.get("totalItems").asInt() == 1);
        assertThat(oneSlot.get("totalItemsExact").asBoolean()).isTrue();
        JsonNode history = asAuditor.get("/api/audit/slots/" + slotId + "/history").json();
        assertThat(history.get("totalItems").asInt()).isEqualTo(1);
        assertThat(history.get("totalItemsExact").asBoolean()).isTrue();

        assertInvalid(asAuditor.get("/api/audit/events?size=1&page=" + LIMIT), "page");
        assertInvalid(asAuditor.get("/api/audit/slots/" + slotId + "/history?size=5&page=1"), "page");
    }

    /** {@code count} 30-minute slots tomorrow from 08:00, an hour apart, in start order. */
    private List<String> openSlots(UUID doctorId, int count) {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(openSlot(asAdmin, doctorId, 8 + i));
        }
        return slots;
    }

    private JsonNode awaitList(String path, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> api.get(path).json(), done::test);
    }
}
