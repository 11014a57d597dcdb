package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Invariant 5, second half (issue 7, point 5): after a run that exercises every kind of event through the API, the
 * audit trail holds each event of the store exactly once, at the same position and with the same aggregate,
 * sequence number, type, time, actor, correlation id, metadata and payload, and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailAgreesWithEventStoreTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void afterAMixedRunTheTrailAndTheStoreAgreeEventForEvent() {
        long before = lastPosition();
        mixedRun();
        long after = lastPosition();

        await().atMost(Duration.ofSeconds(30)).alias("the audit-trail processor catches up").until(
                () -> count("notification.audit_entry", before, after),
                trail -> trail >= count("event_store.domain_event_entry", before, after));

        List<Event> store = jdbc.query("""
                        select global_index, event_identifier, aggregate_identifier, type, sequence_number,
                               payload_type, time_stamp, convert_from(meta_data, 'UTF8') as meta_data,
                               convert_from(payload, 'UTF8') as payload
                        from event_store.domain_event_entry where global_index > ? and global_index <= ?
                        order by global_index""",
                (row, n) -> {
                    JsonNode metaData = parse(row.getString("meta_data"));
                    String payloadType = row.getString("payload_type");
                    return new Event(row.getLong("global_index"), row.getString("event_identifier"),
                            row.getString("aggregate_identifier"), row.getString("type"),
                            row.getLong("sequence_number"), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                            Instant.parse(row.getString("time_stamp")), text(metaData, "actorId"),
                            text(metaData, "actorRole"), text(metaData, "correlationId"), metaData,
                            parse(row.getString("payload")));
                }, before, after);
        List<Event> trail = jdbc.query("""
                        select global_index, event_id, aggregate_id, aggregate_type, sequence_number, type,
                               occurred_at, actor_id, actor_role, correlation_id, meta_data::text as meta_data,
                               payload::text as payload
                        from notification.audit_entry where global_index > ? and global_index <= ?
                        order by global_index""",
                (row, n) -> new Event(row.getLong("global_index"), row.getString("event_id"),
                        row.getString("aggregate_id"), row.getString("aggregate_type"),
                        row.getLong("sequence_number"), row.getString("type"),
                        row.getTimestamp("occurred_at").toInstant(), row.getString("actor_id"),
                        row.getString("actor_role"), row.getString("correlation_id"), parse(row.getString("meta_data")),
                        parse(row.getString("payload"))), before, after);

        assertThat(store).extracting(Event::type).as("the run caused every kind of event").contains(
                "DoctorOnboarded", "DoctorApplied", "DoctorApproved", "DoctorRejected", "DoctorProfileUpdated",
                "PatientRegistered", "PatientEmailConfirmed", "AvailabilityDefined", "SlotOpened", "SlotHeld",
                "HoldReleased", "SlotBooked", "BookingCancelled", "BookingMovedOut", "BookingMovedIn",
                "SlotBlocked", "SlotUnblocked", "SlotRemoved", "PatientCheckedIn");
        assertThat(store).as("every event names who caused it and a correlation id")
                .allSatisfy(event -> assertThat(event.correlationId()).isNotBlank());
        assertThat(trail).containsExactlyElementsOf(store);
    }

    /** Doctors, patients and slots through everything they can do, each step by the account entitled to it. */
    private void mixedRun() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        TestAccounts.Session doctor = accounts.doctor("Cardiology");
        HttpJson asDoctor = api.as(doctor.accessToken());
        UUID doctorId = doctor.accountId();
        HttpJson asAnn = api.as(accounts.patient().accessToken());
        HttpJson asBob = api.as(accounts.patient().accessToken());

        expect(asDoctor.patch("/api/doctors/" + doctorId, "{\"bio\":\"Hearts, mostly.\"}"), 200);
        String approved = api.post("/api/auth/register-doctor", application()).json().get("doctorId").asText();
        expect(asAdmin.post("/api/admin/doctors/" + approved + "/approve", null), 200);
        String rejected = api.post("/api/auth/register-doctor", application()).json().get("doctorId").asText();
        expect(asAdmin.post("/api/admin/doctors/" + rejected + "/reject", "{\"reason\":\"Unverifiable.\"}"), 200);
        LocalDate nextWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        expect(asDoctor.post("/api/doctors/" + doctorId + "/availability", "{\"rrule\":\"FREQ=DAILY;COUNT=2\","
                + "\"startTime\":\"09:00\",\"endTime\":\"10:00\",\"slotMinutes\":30,\"validFrom\":\"" + nextWeek
                + "\"}"), 201);

        String held = openSlot(asDoctor, doctorId, 8);
        expect(asAnn.post("/api/slots/" + held + "/hold", null), 201);
        expect(asAnn.delete("/api/slots/" + held + "/hold"), 204);
        String holdId = asAnn.post("/api/slots/" + held + "/hold", null).json().get("holdId").asText();
        expect(asAnn.post("/api/slots/" + held + "/book", "{\"holdId\":\"" + holdId + "\"}"), 201);

        String cancelled = openSlot(asDoctor, doctorId, 10);
        expect(asBob.post("/api/slots/" + cancelled + "/book", BOOK), 201);
        expect(asBob.post("/api/slots/" + cancelled + "/cancel", "{\"reason\":\"Feeling fine.\"}"), 200);

        String from = openSlot(asDoctor, doctorId, 11);
        String to = openSlot(asDoctor, doctorId, 12);
        expect(asBob.post("/api/slots/" + from + "/book", BOOK), 201);
        expect(asBob.post("/api/slots/" + from + "/reschedule", "{\"toSlotId\":\"" + to + "\"}"), 200);
        expect(asDoctor.post("/api/slots/" + to + "/cancel", "{\"reason\":\"Called away.\",\"unavailable\":true}"),
                200);

        String removed = openSlot(asDoctor, doctorId, 13);
        expect(asDoctor.post("/api/slots/" + removed + "/block", "{\"reason\":\"Conference.\"}"), 200);
        expect(asDoctor.post("/api/slots/" + removed + "/unblock", null), 200);
        expect(asDoctor.delete("/api/slots/" + removed), 204);
        expect(asBob.post("/api/slots/" + removed + "/book", BOOK), 409);

        Instant soon = Instant.now().plusSeconds(60);
        String today = asDoctor.post("/api/doctors/" + doctorId + "/slots", slotJson(soon, soon.plusSeconds(1800)))
                .json().get("slotId").asText();
        expect(asAnn.post("/api/slots/" + today + "/book", BOOK), 201);
        expect(asDoctor.post("/api/slots/" + today + "/check-in", null), 200);
    }

    private static String application() {
        return "{\"email\":\"applicant-" + UUID.randomUUID() + "@example.test\",\"password\":\""
                + TestAccounts.PASSWORD + "\",\"fullName\":\"Dr. Appli Cant\",\"specialization\":\"Dermatology\","
                + "\"timeZone\":\"Europe/Vienna\"}";
    }

    private long lastPosition() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from event_store.domain_event_entry",
                Long.class);
    }

    private long count(String table, long after, long upTo) {
        return jdbc.queryForObject("select count(*) from " + table + " where global_index > ? and global_index <= ?",
                Long.class, after, upTo);
    }

    private static void expect(HttpJson.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    /** One event as both tables record it; the type is the payload's simple class name. */
    record Event(long globalIndex, String eventId, String aggregateId, String aggregateType, long sequenceNumber,
                 String type, Instant timestamp, String actorId, String actorRole, String correlationId,
                 JsonNode metaData, JsonNode payload) {
    }
}
