package com.careslot;

import static com.careslot.Calendar.slotJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.careslot.command.availability.RollingWindow;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recurring availability over real HTTP: a rule opens its slots in the doctor's zone over a rolling window that the
 * daily extension moves on. The command side's clock is set per test, so the dates (and daylight-saving changes)
 * are the test's choice; everything else runs as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Its movable clock makes its own context on the shared database; closed afterwards so its event processors stop
// competing with the shared context's for segments (read-your-writes and the live stream need all of them there).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AvailabilityTest {

    static final String WEEKDAYS_NINE_TO_FIVE = """
            {"rrule":"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR","startTime":"09:00","endTime":"17:00","slotMinutes":30,
             "validFrom":"%s"}""";

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    RollingWindow rollingWindow;
    @Autowired
    JdbcTemplate jdbc;

    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    HttpJson asDoctor;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        asDoctor = api.as(doctor.accessToken());
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void opensEightWeeksOfWeekdaySlotsInOneRequest() {
        clock.set("2027-01-03T12:00:00Z"); // a Sunday: the window is eight whole weeks, Sunday to Saturday

        long started = System.nanoTime();
        HttpJson.Response created = define(asDoctor, doctor.accountId(), WEEKDAYS_NINE_TO_FIVE.formatted("2027-01-01"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("ruleId").asText()).isNotBlank();
        assertThat(created.json().get("slotsOpened").asInt()).isEqualTo(8 * 5 * 16);
        assertThat(created.json().get("slotsSkipped").asInt()).isZero();
        assertThat(slotsOpenedFor(doctor.accountId())).isEqualTo(640);
        assertThat(actorsOfSlotsOpenedFor(doctor.accountId()))
                .as("every slot names who opened it, though worker threads sent the commands")
                .containsExactly(doctor.accountId() + "/DOCTOR/" + created.header("X-Correlation-Id"));
        System.out.printf("Availability: 8 weeks x 5 days x 16 slots = 640 slots opened in %d ms%n",
                took.toMillis());
        JsonNode first = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/slots?doctorId=" + doctor.accountId() + "&size=1").json(),
                page -> page.get("totalItems").asInt() == 640).get("items").get(0);
        assertThat(first.get("start").asText()).isEqualTo("2027-01-04T08:00:00Z"); // Monday 09:00 in Berlin
        assertThat(first.get("end").asText()).isEqualTo("2027-01-04T08:30:00Z");
    }

    @Test
    void skipsSlotsThatOverlapOnesTheDoctorAlreadyHasAndCountsThem() {
        clock.set("2027-01-03T12:00:00Z");
        // Tuesday 10:15–10:45 in Berlin collides with the rule's 10:00 and 10:30 slots
        assertThat(asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                slotJson(Instant.parse("2027-01-05T09:15:00Z"), Instant.parse("2027-01-05T09:45:00Z"))).status())
                .isEqualTo(201);

        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=DAILY","startTime":"09:00","endTime":"12:00","slotMinutes":30,
                 "validFrom":"2027-01-04","validUntil":"2027-01-08"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("slotsOpened").asInt()).isEqualTo(5 * 6 - 2);
        assertThat(created.json().get("slotsSkipped").asInt()).isEqualTo(2);
        assertThat(slotsOpenedFor(doctor.accountId())).isEqualTo(1 + 28);
    }

    @Test
    void leavesOutTheSlotsOfTodayThatHaveBegun() {
        clock.set("2027-01-04T09:40:00Z"); // Monday 10:40 in Berlin

        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=DAILY","startTime":"09:00","endTime":"12:00","slotMinutes":30,"gapMinutes":0,
                 "validFrom":"2027-01-04","validUntil":"2027-01-05"}""");

        assertThat(created.json().get("slotsOpened").asInt()).as(created.toString()).isEqualTo(2 + 6);
    }

    @Test
    void keepsLocalNineOClockThroughTheBerlinSpringChange() {
        clock.set("2027-03-21T12:00:00Z");

        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=DAILY","startTime":"09:00","endTime":"10:00","slotMinutes":30,
                 "validFrom":"2027-03-26","validUntil":"2027-03-29"}""");

        assertThat(created.json().get("slotsOpened").asInt()).as(created.toString()).isEqualTo(8);
        assertThat(startsOfSlots(doctor.accountId(), 8)).containsExactly(
                "2027-03-26T08:00:00Z", "2027-03-26T08:30:00Z",
                "2027-03-27T08:00:00Z", "2027-03-27T08:30:00Z",
                "2027-03-28T07:00:00Z", "2027-03-28T07:30:00Z",
                "2027-03-29T07:00:00Z", "2027-03-29T07:30:00Z");
    }

    @Test
    void keepsLocalNineOClockThroughTheNewYorkSpringChange() {
        HttpJson.Response moved = asDoctor.patch("/api/doctors/" + doctor.accountId(),
                "{\"timeZone\":\"America/New_York\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        clock.set("2027-03-07T17:00:00Z");

        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=WEEKLY;BYDAY=FR,SA,SU,MO","startTime":"09:00","endTime":"09:30","slotMinutes":30,
                 "validFrom":"2027-03-12","validUntil":"2027-03-15"}""");

        assertThat(created.json().get("slotsOpened").asInt()).as(created.toString()).isEqualTo(4);
        assertThat(startsOfSlots(doctor.accountId(), 4)).containsExactly(
                "2027-03-12T14:00:00Z", "2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z");
    }

    @Test
    void theDailyExtensionOpensTheNextDayOnceEvenWhenTwoNodesRunIt() throws Exception {
        clock.set("2027-01-03T12:00:00Z"); // Sunday: the window ends on Saturday 2027-02-27
        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR","startTime":"09:00","endTime":"10:00",
                 "slotMinutes":60,"validFrom":"2027-01-04"}""");
        assertThat(created.json().get("slotsOpened").asInt()).as(created.toString()).isEqualTo(40);
        String ruleId = created.json().get("ruleId").asText();

        clock.set("2027-01-04T12:00:00Z"); // the window reaches Sunday 2027-02-28: no weekday to add
        rollingWindow.extendAll();
        assertThat(slotsOpenedFor(doctor.accountId())).isEqualTo(40);

        clock.set("2027-01-05T01:00:00Z"); // the window reaches Monday 2027-03-01
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<RollingWindow.Extended>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit((Callable<RollingWindow.Extended>) rollingWindow::extendAll));
            }
            for (Future<RollingWindow.Extended> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdownNow();
        }

        assertThat(slotsOpenedFor(doctor.accountId())).isEqualTo(41);
        assertThat(startsOfSlots(doctor.accountId(), 41)).last().isEqualTo("2027-03-01T08:00:00Z");
        assertThat(eventsOf(ruleId)).containsExactly("AvailabilityDefined", "AvailabilityExtended",
                "AvailabilityExtended", "AvailabilityExtended");
        assertThat(actorsOf(ruleId)).last().asString().startsWith("availability-extension/SYSTEM/");
        assertThat(jdbc.queryForObject("""
                        select convert_from(payload, 'UTF8')::jsonb ->> 'through' from event_store.domain_event_entry
                        where aggregate_identifier = ? order by sequence_number desc limit 1""", String.class, ruleId))
                .isEqualTo("2027-03-01");
    }

    @Test
    void namesTheFieldOfEveryInvalidRule() {
        clock.set("2027-01-03T12:00:00Z");
        String valid = """
                {"rrule":"%s","startTime":"%s","endTime":"%s","slotMinutes":%s,"gapMinutes":%s,
                 "validFrom":"%s","validUntil":"%s"}""";
        assertInvalid(valid.formatted("every monday", "09:00", "17:00", 30, 0, "2027-01-04", "2027-02-26"), "rrule");
        assertInvalid(valid.formatted("FREQ=HOURLY", "09:00", "17:00", 30, 0, "2027-01-04", "2027-02-26"), "rrule");
        assertInvalid(valid.formatted("FREQ=DAILY;UNTIL=20270301", "09:00", "17:00", 30, 0, "2027-01-04",
                "2027-02-26"), "rrule");
        assertInvalid(valid.formatted("FREQ=DAILY", "17:00", "09:00", 30, 0, "2027-01-04", "2027-02-26"), "endTime");
        assertInvalid(valid.formatted("FREQ=DAILY", "9am", "17:00", 30, 0, "2027-01-04", "2027-02-26"), "startTime");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "09:20", 30, 0, "2027-01-04", "2027-02-26"),
                "slotMinutes");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 4, 0, "2027-01-04", "2027-02-26"),
                "slotMinutes");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 481, 0, "2027-01-04", "2027-02-26"),
                "slotMinutes");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 30, 241, "2027-01-04", "2027-02-26"),
                "gapMinutes");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 30, 0, "2027-01-04", "2027-01-03"),
                "validUntil");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 30, 0, "2026-12-01", "2026-12-31"),
                "validUntil");
        assertInvalid(valid.formatted("FREQ=DAILY", "09:00", "17:00", 30, 0, "04.01.2027", "2027-02-26"),
                "validFrom");
        assertInvalid("{\"startTime\":\"09:00\",\"endTime\":\"17:00\",\"slotMinutes\":30,\"validFrom\":\"2027-01-04\"}",
                "rrule");
        assertThat(slotsOpenedFor(doctor.accountId())).isZero();
    }

    @Test
    void refusesMoreThanTwoThousandSlotsInOneRequestAndRecordsNothing() {
        clock.set("2027-01-03T12:00:00Z");

        HttpJson.Response refused = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=DAILY","startTime":"08:00","endTime":"20:00","slotMinutes":5,
                 "validFrom":"2027-01-04"}""");

        SlotApiTest.assertProblem(refused, 422, "too-many-slots");
        assertThat(slotsOpenedFor(doctor.accountId())).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.availability.AvailabilityDefined'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'doctorId' = ?""", Long.class,
                doctor.accountId().toString())).isZero();
    }

    @Test
    void onlyThatDoctorOrAnAdminDefinesAvailability() {
        clock.set("2027-01-03T12:00:00Z");
        String oneDay = """
                {"rrule":"FREQ=DAILY","startTime":"09:00","endTime":"10:00","slotMinutes":30,
                 "validFrom":"2027-01-04","validUntil":"2027-01-04"}""";

        assertThat(define(api, doctor.accountId(), oneDay).status()).isEqualTo(401);
        SlotApiTest.assertProblem(define(api.as(accounts.patient().accessToken()), doctor.accountId(), oneDay), 403,
                "forbidden");
        SlotApiTest.assertProblem(define(api.as(accounts.doctor().accessToken()), doctor.accountId(), oneDay), 403,
                "forbidden");
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        HttpJson.Response byAdmin = define(asAdmin, doctor.accountId(), oneDay);
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(201);
        assertThat(byAdmin.json().get("slotsOpened").asInt()).isEqualTo(2);
        SlotApiTest.assertProblem(define(asAdmin, UUID.randomUUID(), oneDay), 404, "not-found");
    }

    @Test
    void endingARuleRemovesItsFreeSlotsAheadKeepsTheBookedOneAndStopsTheExtension() {
        clock.set("2027-01-03T12:00:00Z");
        HttpJson.Response created = define(asDoctor, doctor.accountId(), """
                {"rrule":"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR","startTime":"09:00","endTime":"10:00",
                 "slotMinutes":60,"validFrom":"2027-01-04"}""");
        assertThat(created.json().get("slotsOpened").asInt()).as(created.toString()).isEqualTo(40);
        String ruleId = created.json().get("ruleId").asText();
        String first = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/slots?doctorId=" + doctor.accountId() + "&size=1").json(),
                page -> page.get("totalItems").asInt() == 40).get("items").get(0).get("slotId").asText();
        assertThat(api.as(accounts.patient().accessToken()).post("/api/slots/" + first + "/book", "{}").status())
                .isEqualTo(201);
        String end = "/api/doctors/" + doctor.accountId() + "/availability/" + ruleId + "/end";

        SlotApiTest.assertProblem(api.as(accounts.doctor().accessToken()).post(end, "{}"), 403, "forbidden");
        TestAccounts.Session other = accounts.doctor();
        SlotApiTest.assertProblem(api.as(other.accessToken()).post("/api/doctors/" + other.accountId()
                + "/availability/" + ruleId + "/end", "{}"), 404, "not-found");
        HttpJson.Response ended = asDoctor.post(end, "{}");

        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().get("slotsRemoved").asInt()).isEqualTo(39);
        assertThat(ended.json().get("slotsKept").asInt()).isEqualTo(1);
        assertThat(startsOfSlotsNotRemoved(doctor.accountId())).containsExactly("2027-01-04T08:00:00Z");
        JsonNode rules = await().atMost(Duration.ofSeconds(10)).until(() -> asDoctor.after(ended)
                .get("/api/doctors/" + doctor.accountId() + "/availability").json().get("items"),
                items -> items.size() == 1 && !items.get(0).path("endedAt").isNull());
        assertThat(rules.get(0).get("ruleId").asText()).isEqualTo(ruleId);

        clock.set("2027-01-05T01:00:00Z"); // the window would reach Monday 2027-03-01
        rollingWindow.extendAll();
        assertThat(slotsOpenedFor(doctor.accountId())).as("an ended rule opens nothing more").isEqualTo(40);
        assertThat(eventsOf(ruleId)).last().isEqualTo("AvailabilityEnded");
        assertThat(asDoctor.post(end, "{}").json().get("slotsRemoved").asInt()).as("ending again").isZero();
    }

    /** The starts of the doctor's slots that are still there, once none of them is free any more. */
    private List<String> startsOfSlotsNotRemoved(UUID doctorId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/slots?status=FREE&doctorId=" + doctorId).json()
                .get("totalItems").asInt() == 0);
        return api.get("/api/slots?status=BOOKED&doctorId=" + doctorId).json().get("items").findValuesAsText("start");
    }

    private void assertInvalid(String body, String field) {
        SlotApiTest.assertInvalid(define(asDoctor, doctor.accountId(), body), field);
    }

    private static HttpJson.Response define(HttpJson as, UUID doctorId, String body) {
        return as.post("/api/doctors/" + doctorId + "/availability", body);
    }

    private List<String> startsOfSlots(UUID doctorId, int expected) {
        return await().atMost(Duration.ofSeconds(30)).until(
                        () -> api.get("/api/slots?doctorId=" + doctorId + "&size=500").json(),
                        page -> page.get("totalItems").asInt() == expected)
                .get("items").findValuesAsText("start");
    }

    private long slotsOpenedFor(UUID doctorId) {
        return jdbc.queryForObject("""
                select count(*) from event_store.domain_event_entry
                where payload_type = 'com.careslot.api.slot.SlotOpened'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'doctorId' = ?""", Long.class, doctorId.toString());
    }

    private List<String> actorsOfSlotsOpenedFor(UUID doctorId) {
        return jdbc.queryForList("""
                select distinct concat_ws('/', m ->> 'actorId', m ->> 'actorRole', m ->> 'correlationId')
                from (select convert_from(meta_data, 'UTF8')::jsonb as m from event_store.domain_event_entry
                      where payload_type = 'com.careslot.api.slot.SlotOpened'
                        and convert_from(payload, 'UTF8')::jsonb ->> 'doctorId' = ?) opened""", String.class,
                doctorId.toString());
    }

    private List<String> actorsOf(String aggregateId) {
        return jdbc.queryForList("""
                select concat_ws('/', m ->> 'actorId', m ->> 'actorRole', m ->> 'correlationId')
                from (select sequence_number, convert_from(meta_data, 'UTF8')::jsonb as m
                      from event_store.domain_event_entry where aggregate_identifier = ?) events
                order by sequence_number""", String.class, aggregateId);
    }

    private List<String> eventsOf(String aggregateId) {
        return jdbc.queryForList("""
                select regexp_replace(payload_type, '.*\\.', '') from event_store.domain_event_entry
                where aggregate_identifier = ? order by sequence_number""", String.class, aggregateId);
    }

    /** The system clock, unless a test has set it to a moment of its choosing. */
    static final class MovableClock extends Clock {

        private volatile Instant fixed;

        void set(String instant) {
            fixed = Instant.parse(instant);
        }

        void reset() {
            fixed = null;
        }

        @Override
        public Instant instant() {
            Instant now = fixed;
            return now != null ? now : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }
    }
}
