package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin dashboard after a known set of bookings, cancellations and no-shows. The database is shared with the
 * other test classes, so practice-wide figures are asserted as the change this test causes, and per-doctor and
 * per-specialization figures on this test's own doctors and specialization.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminDashboardTest {

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asAdmin;
    TestAccounts accounts;
    People people;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        people = new People(api, accounts, asAdmin);
    }

    @Test
    void countsAppointmentsByStatusRatesUtilizationAndTheBusiestSpecializations() {
        JsonNode before = dashboard();
        String specialization = People.uniqueSpecialization("Dashboard");
        UUID busy = people.onboardedDoctor("Dr. Dash Busy", specialization);
        UUID quiet = people.onboardedDoctor("Dr. Dash Quiet", specialization);
        UUID absent = people.onboardedDoctor("Dr. Dash Absent", specialization);
        HttpJson first = api.as(people.patient("Dana First").accessToken());
        HttpJson second = api.as(people.patient("Dana Second").accessToken());
        HttpJson third = api.as(people.patient("Dana Third").accessToken());

        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String noShow = asAdmin.post("/api/doctors/" + busy + "/slots",
                slotJson(soon, soon.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        String kept = openSlot(asAdmin, busy, 9);
        String cancelled = openSlot(asAdmin, busy, 10);
        openSlot(asAdmin, busy, 11);
        openSlot(asAdmin, quiet, 9);
        assertThat(first.post("/api/slots/" + noShow + "/book", BOOK).status()).isEqualTo(201);
        assertThat(second.post("/api/slots/" + kept + "/book", BOOK).status()).isEqualTo(201);
        assertThat(third.post("/api/slots/" + cancelled + "/book", BOOK).status()).isEqualTo(201);
        assertThat(asAdmin.post("/api/slots/" + cancelled + "/cancel", "{\"reason\":\"clinic closed\"}").status())
                .isEqualTo(200);
        HttpJson.Response markedNoShow = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> asAdmin.post("/api/slots/" + noShow + "/no-show", null), r -> r.status() != 422);
        assertThat(markedNoShow.status()).as(markedNoShow.toString()).isEqualTo(200);

        JsonNode after = await().atMost(Duration.ofSeconds(10)).until(this::dashboard,
                now -> change(before, now, "appointments") == 3 && change(before, now, "doctors", "listed") == 3
                        && change(before, now, "appointmentsByStatus", "noshow") == 1
                        && change(before, now, "appointmentsByStatus", "cancelled") == 1
                        && change(before, now, "patients", "emailConfirmed") == 3);

        assertThat(change(before, after, "patients", "registered")).isEqualTo(3);
        assertThat(change(before, after, "appointmentsByStatus", "booked")).isEqualTo(1);
        assertThat(change(before, after, "appointmentsByStatus", "fulfilled")).isZero();
        assertThat(after.get("appointmentsByStatus").size()).isEqualTo(5);
        assertThat(bookingsIn(after) - bookingsIn(before)).isEqualTo(3);
        JsonNode days = after.get("bookingsPerDay");
        assertThat(days.size()).isEqualTo(30);
        assertThat(LocalDate.parse(days.get(29).get("date").asText())).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(days.get(29).get("bookings").asLong()).isGreaterThanOrEqualTo(3);

        assertThat(change(before, after, "cancellationRate", "numerator")).isEqualTo(1);
        assertThat(change(before, after, "cancellationRate", "denominator")).isEqualTo(3);
        assertThat(change(before, after, "noShowRate", "numerator")).isEqualTo(1);
        assertThat(change(before, after, "noShowRate", "denominator")).isEqualTo(1);
        assertRate(after.get("cancellationRate"));
        assertRate(after.get("noShowRate"));

        JsonNode busyDoctor = utilizationOf(busy);
        assertThat(busyDoctor.get("fullName").asText()).isEqualTo("Dr. Dash Busy");
        assertThat(busyDoctor.get("specialization").asText()).isEqualTo(specialization);
        assertThat(busyDoctor.get("bookedSlots").asLong()).isEqualTo(2);
        assertThat(busyDoctor.get("openedSlots").asLong()).isEqualTo(4);
        assertThat(busyDoctor.get("value").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode quietDoctor = utilizationOf(quiet);
        assertThat(quietDoctor.get("openedSlots").asLong()).isEqualTo(1);
        assertThat(quietDoctor.get("value").decimalValue()).isEqualByComparingTo("0");
        assertThat(utilizationOf(absent).has("value")).as("no slots opened, no utilization").isFalse();

        JsonNode busiest = asAdmin.get("/api/admin/dashboard?top=100").json().get("busiestSpecializations");
        JsonNode ours = null;
        for (JsonNode item : busiest.get("items")) {
            if (item.get("name").asText().equals(specialization)) {
                ours = item;
            }
        }
        assertThat(ours).as("our specialization among the busiest 100").isNotNull();
        assertThat(ours.get("doctors").asLong()).isEqualTo(3);
        assertThat(ours.get("appointments").asLong()).as("the cancelled one is not counted").isEqualTo(2);
        assertThat(busiest.get("totalItems").asLong()).isGreaterThanOrEqualTo(busiest.get("items").size());
        assertThat(busiest.get("items").findValuesAsText("appointments").stream().map(Long::valueOf).toList())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void pagesTheUtilizationHighestFirst() {
        JsonNode page = asAdmin.get("/api/admin/dashboard?size=3").json().get("utilization");
        assertThat(page.get("size").asInt()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
        assertThat(page.get("totalItems").asLong()).isEqualTo(dashboard().get("doctors").get("listed").asLong());
        BigDecimal previous = null;
        boolean withoutSlotsSeen = false;
        for (int pageNumber = 0; pageNumber * 500L < page.get("totalItems").asLong(); pageNumber++) {
            for (JsonNode doctor : asAdmin.get("/api/admin/dashboard?size=500&page=" + pageNumber).json()
                    .get("utilization").get("items")) {
                if (!doctor.has("value")) {
                    withoutSlotsSeen = true;
                    continue;
                }
                BigDecimal value = doctor.get("value").decimalValue();
                assertThat(withoutSlotsSeen).as("doctors without slots come last").isFalse();
                if (previous != null) {
                    assertThat(value).isLessThanOrEqualTo(previous);
                }
                previous = value;
            }
        }
    }

    @Test
    void isForAdminsOnlyAndNamesInvalidParameters() {
        assertProblem(api.as(accounts.patient().accessToken()).get("/api/admin/dashboard"), 403, "forbidden");
        assertProblem(api.get("/api/admin/dashboard"), 401, "unauthenticated");
        assertInvalid(asAdmin.get("/api/admin/dashboard?size=0"), "size");
        assertInvalid(asAdmin.get("/api/admin/dashboard?page=-1"), "page");
        assertInvalid(asAdmin.get("/api/admin/dashboard?top=101"), "top");
    }

    private JsonNode dashboard() {
        HttpJson.Response response = asAdmin.get("/api/admin/dashboard");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode utilizationOf(UUID doctorId) {
        for (int page = 0; page < 100; page++) {
            JsonNode items = asAdmin.get("/api/admin/dashboard?size=500&page=" + page).json()
                    .get("utilization").get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode doctor : items) {
                if (doctor.get("doctorId").asText().equals(doctorId.toString())) {
                    return doctor;
                }
            }
        }
        throw new AssertionError("Doctor " + doctorId + " is not in the utilization list");
    }

    private static long change(JsonNode before, JsonNode after, String... path) {
        return at(after, path) - at(before, path);
    }

    private static long at(JsonNode node, String... path) {
        for (String name : path) {
            node = node.path(name);
        }
        return node.asLong();
    }

    private static long bookingsIn(JsonNode dashboard) {
        long sum = 0;
        for (JsonNode day : dashboard.get("bookingsPerDay")) {
            sum += day.get("bookings").asLong();
        }
        return sum;
    }

    private static void assertRate(JsonNode rate) {
        BigDecimal expected = BigDecimal.valueOf(rate.get("numerator").asLong())
                .divide(BigDecimal.valueOf(rate.get("denominator").asLong()), 4, java.math.RoundingMode.HALF_UP);
        assertThat(rate.get("value").decimalValue()).isEqualByComparingTo(expected);
    }
}
