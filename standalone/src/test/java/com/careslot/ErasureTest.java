package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

/**
 * Issue 22, erasure: after a patient erased themselves none of their strings is left anywhere in the database (every
 * text, JSON and byte column of every table of every schema, event payloads and metadata included), the slot history
 * stays, and the account cannot sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureTest {

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    Configuration axon;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.careslot.platform.privacy.SubjectKeys keys;
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
    void aPatientWhoErasedThemselvesLeavesNoneOfTheirStringsAnywhere() {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String name = "Zelda Quux" + tag;
        String email = "zelda-" + tag + "@example.test";
        String digits = "49170" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String phone = "+" + digits;
        String reason = "Embarrassing rash " + tag;
        expect(api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD
                + "\",\"fullName\":\"" + name + "\",\"phone\":\"" + phone + "\"}"), 201);
        expect(api.post("/api/auth/verify", "{\"email\":\"" + email + "\",\"code\":\"" + accounts.codeFor(email)
                + "\"}"), 200);
        TestAccounts.Session patient = accounts.login(email, TestAccounts.PASSWORD);
        HttpJson asPatient = api.as(patient.accessToken());
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        String cancelled = openSlot(asDoctor, doctor.accountId(), 9);
        String future = openSlot(asDoctor, doctor.accountId(), 11);
        expect(asPatient.post("/api/slots/" + cancelled + "/book", BOOK), 201);
        expect(asPatient.post("/api/slots/" + cancelled + "/cancel", "{\"reason\":\"" + reason + "\"}"), 200);
        HttpJson.Response booked = asPatient.post("/api/slots/" + future + "/book", BOOK);
        expect(booked, 201);
        String appointmentId = booked.json().get("appointmentId").asText();
        List<String> needles = List.of(name, email, phone, digits, reason);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(whereFound(needles)).as("the patient's data in the read models before the erasure")
                        .anySatisfy(place -> assertThat(place).startsWith("query_side.patient_contact")));
        String eventPayloads = String.join("\n", jdbc.queryForList(
                "select encode(payload, 'escape') from event_store.domain_event_entry where aggregate_identifier = ?",
                String.class, patient.accountId().toString()));
        assertThat(eventPayloads).as("stored encrypted").contains("enc:v1:").doesNotContain(name, email, phone);

        HttpJson.Response wrongPassword = asPatient.post("/api/patients/me/erasure",
                "{\"password\":\"not my password\"}");
        assertThat(wrongPassword.status()).isEqualTo(403);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.body()).contains("password");
        HttpJson.Response erased = asPatient.post("/api/patients/me/erasure",
                "{\"password\":\"" + TestAccounts.PASSWORD + "\"}");

        expect(erased, 200);
        assertThat(erased.json().get("appointmentsCancelled").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(whereFound(needles)).as("the patient's strings after the erasure").isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpJson.Response appointment = asAdmin.get("/api/appointments/" + appointmentId);
            expect(appointment, 200);
            assertThat(appointment.json().get("status").asText()).isEqualTo("cancelled");
            assertThat(appointment.json().get("patientId").asText()).isEqualTo(patient.accountId().toString());
        });
        HttpJson.Response history = asAdmin.get("/api/audit/slots/" + cancelled + "/history");
        expect(history, 200);
        assertThat(history.body()).contains("SlotBooked", "BookingCancelled", "[erased]",
                patient.accountId().toString());

        for (String projection : List.of("patient-directory", "patient-contacts", "appointment-view")) {
            expect(asAdmin.post("/api/admin/projections/" + projection + "/replay", ""), 202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (com.fasterxml.jackson.databind.JsonNode projection : asAdmin.get("/api/admin/projections").json()) {
                assertThat(projection.get("caughtUp").asBoolean() && !projection.get("replaying").asBoolean())
                        .as(projection.toString()).isTrue();
            }
        });
        assertThat(whereFound(needles)).as("the patient's strings after a replay of the read models").isEmpty();
        assertThat(jdbc.queryForObject("select full_name from query_side.patient_contact where patient_id = ?",
                String.class, patient.accountId())).isEqualTo("[erased]");
        // last: a failed sign-in records the address typed, as for any unknown address, until the throttle forgets it
        assertThat(api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\""
                + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(401);
    }

    /**
     * Retention: a patient whose last activity lies further back than careslot.privacy.retention (P10Y) is erased by
     * the recurring check (every second in tests) by the same path. The activity is moved back eleven years rather
     * than the retention shortened, since this database is shared with every other test's patients.
     */
    @Test
    void aPatientInactiveLongerThanTheRetentionIsErasedByTheScheduler() {
        TestAccounts.Session patient = accounts.patient();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from command_side.patient_activity where patient_id = ?", Long.class,
                patient.accountId()) == 1);
        assertThat(erasedEvents(patient.accountId())).isZero();

        jdbc.update("update command_side.patient_activity set last_activity_at = now() - interval '11 years' "
                + "where patient_id = ?", patient.accountId());

        await().atMost(Duration.ofSeconds(15)).until(() -> erasedEvents(patient.accountId()) == 1);
        assertThat(api.post("/api/auth/login", "{\"email\":\"" + patient.email() + "\",\"password\":\""
                + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8') from event_store.domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%PersonalDataErased'", String.class,
                patient.accountId().toString())).contains("\"reason\":\"retention\"");
    }

    private long erasedEvents(UUID patientId) {
        return jdbc.queryForObject("select count(*) from event_store.domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%PersonalDataErased'", Long.class,
                patientId.toString());
    }

    @Test
    void anAdminErasesAPatientAndOnlyAnAdminMay() {
        TestAccounts.Session patient = accounts.patient();
        TestAccounts.Session other = accounts.patient();

        assertThat(api.as(other.accessToken()).post("/api/admin/patients/" + patient.accountId() + "/erasure", "")
                .status()).isEqualTo(403);
        assertThat(asAdmin.post("/api/admin/patients/" + UUID.randomUUID() + "/erasure", "").status())
                .isEqualTo(404);
        expect(asAdmin.post("/api/admin/patients/" + patient.accountId() + "/erasure", ""), 200);
        expect(asAdmin.post("/api/admin/patients/" + patient.accountId() + "/erasure", ""), 200);

        assertThat(api.post("/api/auth/login", "{\"email\":\"" + patient.email() + "\",\"password\":\""
                + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from event_store.domain_event_entry "
                        + "where aggregate_identifier = ? and payload_type like '%PersonalDataErased'", Long.class,
                patient.accountId().toString())).isEqualTo(1);

        // what an admin exports for the erased patient (issue 22, point 3): the history by id, no name, no email
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpJson.Response export = asAdmin.get("/api/admin/patients/" + patient.accountId() + "/export");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body()).doesNotContain(patient.email()).contains("[erased]");
        });
    }

    /**
     * The booking path stays free of key lookups: its events (SlotHeld, SlotBooked) hold no personal data, and the
     * Slot aggregate's stream has none either, so neither the append nor any processor needs a subject key.
     */
    @Test
    void bookingsCauseNoKeyLookup() {
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        List<String> slots = List.of(openSlot(asDoctor, doctor.accountId(), 13), openSlot(asDoctor, doctor.accountId(),
                14), openSlot(asDoctor, doctor.accountId(), 15));
        long before = keys.lookups();

        for (String slotId : slots) {
            HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", "{}");
            expect(hold, 201);
            expect(asPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\""
                    + hold.json().get("holdId").asText() + "\"}"), 201);
        }
        for (String slotId : slots) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "BOOKED".equals(
                    asDoctor.get("/api/slots/" + slotId).json().path("status").asText()));
        }

        assertThat(keys.lookups() - before).as("subject-key reads from the database for three holds and bookings")
                .isZero();
    }

    /** "schema.table" of every row holding one of the needles, in any text, JSON or byte column. */
    private List<String> whereFound(List<String> needles) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select c.table_schema, c.table_name,
                       string_agg(case when c.data_type = 'bytea' then 'encode(t.' || quote_ident(c.column_name)
                                           || ', ''escape'')'
                                       else 't.' || quote_ident(c.column_name) || '::text' end, ', ') as expressions
                from information_schema.columns c
                join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
                where c.table_schema not in ('pg_catalog', 'information_schema') and tb.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                group by c.table_schema, c.table_name""");
        String patterns = "array[" + String.join(", ", needles.stream()
                .map(n -> "'%" + n.toLowerCase(Locale.ROOT).replace("'", "''") + "%'").toList()) + "]";
        for (Map<String, Object> table : columns) {
            String qualified = table.get("table_schema") + "." + table.get("table_name");
            Long rows = jdbc.queryForObject("select count(*) from " + qualified + " t where lower(concat_ws('|', "
                    + table.get("expressions") + ")) like any (" + patterns + ")", Long.class);
            if (rows != null && rows > 0) {
                found.add(qualified + " (" + rows + " rows)");
            }
        }
        return found;
    }

    private static void expect(HttpJson.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
