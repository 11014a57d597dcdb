package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The standing proof that the event pipeline is exact (issue 16): many clients run every kind of slot command through
 * the gateway on both command-side nodes while the two processes that run the streaming processors (the query side and
 * the notification projector) are killed with {@code kill -9} and started again. Afterwards
 * <ul>
 *   <li>the audit trail equals the event store row for row, each event at its own global index;</li>
 *   <li>every mail the run owes arrived, each (event, recipient) once;</li>
 *   <li>every read model, the audit trail and the mail log equal what a fresh replay of the whole store into empty
 *       tables produces (the tables are compared row for row, not counted).</li>
 * </ul>
 * Sizes: {@code -Dcareslot.faults.agreement-clients} (16; the long run 64) and {@code .agreement-rounds} (1; 3).
 */
@ExtendWith(LocalCluster.class)
@Order(1)
class ReadModelsAgreeWithStoreIT {

    /** Slot commands per client and round: see {@link #round}. */
    private static final int SLOTS_PER_ROUND = 9;

    @Test
    void afterConcurrentCommandsAndAKilledProjectorEveryReadModelEqualsAFreshReplay() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        int clients = FaultReport.setting("agreement-clients", 16) / Clinic.DOCTORS * Clinic.DOCTORS;
        int rounds = FaultReport.setting("agreement-rounds", 1);
        Clinic clinic = Clinic.withPatients(clients);
        HttpJson gateway = cluster.gateway();
        long before = head(cluster);
        Set<String> mailBefore = new HashSet<>(cluster.caughtMessageIds());

        List<List<String>> slotsOf = slotsPerClient(clinic, clients, rounds * SLOTS_PER_ROUND);
        List<String> soonSlots = soonSlots(gateway, clinic, clients);
        AtomicInteger done = new AtomicInteger();
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(() -> {
                TestAccounts.Session patient = clinic.patients.get(client);
                TestAccounts.Session doctor = clinic.doctors.get(client % Clinic.DOCTORS);
                for (int r = 0; r < rounds; r++) {
                    List<String> mine = slotsOf.get(client).subList(r * SLOTS_PER_ROUND, (r + 1) * SLOTS_PER_ROUND);
                    round(gateway.as(patient.accessToken()), gateway.as(doctor.accessToken()), mine, outcomes, done);
                }
                checkIn(gateway.as(patient.accessToken()), gateway.as(doctor.accessToken()), soonSlots.get(client),
                        outcomes, done);
                return null;
            });
        }
        CompletableFuture<List<Void>> load = CompletableFuture.supplyAsync(() -> Clinic.inParallel(work, clients));
        int total = clients * rounds * SLOTS_PER_ROUND;
        await().atMost(Duration.ofMinutes(3)).until(() -> done.get() >= total / 3 || load.isDone());
        int doneAtKill = done.get();
        cluster.kill(LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR);
        cluster.start(LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR);
        int doneAtRestart = done.get();
        load.get();
        long after = head(cluster);

        assertThat(outcomes.keySet()).as("every command answered as the rules say").allMatch(o -> o.endsWith(" ok"));
        // Every mail the run owes must have gone out before the tables are compared: a long run waits in proportion.
        Duration patience = Duration.ofMinutes(3).plusMillis(100 * (after - before));
        Set<String> processors = awaitCaughtUp(cluster, after, patience);
        long trailRows;
        try (Connection db = cluster.database()) {
            assertThat(trailDifferences(db)).as("audit-trail rows that differ from the event store").isEmpty();
            trailRows = count(db, "select count(*) from notification.audit_entry");
        }

        // Every owed mail went out, each (event, recipient) once: the mail log's rows of this run are all sent, and
        // the catcher holds exactly their Message-IDs as new mail (a copy sent twice, because the kill fell between
        // the SMTP server's 250 and the log's commit, carries the same Message-ID).
        Map<String, Long> newMail = cluster.caughtMessageIds().stream().filter(id -> !mailBefore.contains(id))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<String> owed;
        try (Connection db = cluster.database()) {
            owed = owedMail(db, before, after);
        }
        assertThat(owed).as("the run owes mail").isNotEmpty();
        assertThat(newMail.keySet()).as("mails that arrived, by Message-ID").containsAll(owed);
        long redelivered = newMail.values().stream().filter(copies -> copies > 1).count();
        assertThat(redelivered).as("mails that SMTP carried twice (the kill between 250 and the log's commit)")
                .isLessThanOrEqualTo(4);

        Map<String, List<String>> live;
        try (Connection db = cluster.database()) {
            live = ReadModelTables.read(db);
        }
        cluster.kill(LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR);
        try (Connection db = cluster.database()) {
            ReadModelTables.empty(db, processors);
        }
        long replayStarted = System.nanoTime();
        cluster.start(LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR);
        awaitCaughtUp(cluster, after, patience.plusMillis(100 * after));
        long replayMillis = (System.nanoTime() - replayStarted) / 1_000_000;
        Map<String, List<String>> replayed;
        try (Connection db = cluster.database()) {
            replayed = ReadModelTables.read(db);
        }
        assertThat(replayed.keySet()).contains("query_side.slot", "query_side.appointment", "notification.audit_entry",
                "notification.mail_log");
        for (String table : live.keySet()) {
            assertThat(replayed.get(table)).as("%s: live rows against a fresh replay", table)
                    .containsExactlyElementsOf(live.get(table));
        }

        FaultReport.record("read models against a fresh replay after concurrent commands and kill -9", """
                %d clients × %d rounds of open/hold/release/book/cancel/reschedule/block/unblock/remove and a check-in, \
                through the gateway on both command-side nodes: %d events (global index %d to %d); outcomes: %s
                query-side and notification-projector killed after %d of %d slot commands, started again by %d
                audit trail: %d rows, equal to the event store row for row; mails owed by the run: %d, all arrived once \
                (carried twice by SMTP: %d)
                fresh replay of the whole store into empty tables (restart until caught up: %d ms): %d tables, \
                each equal row for row (%d rows)
                """.formatted(clients, rounds, after - before, before + 1, after, new TreeMap<>(outcomes),
                doneAtKill, total, doneAtRestart, trailRows, owed.size(), redelivered, replayMillis, live.size(),
                live.values().stream().mapToInt(List::size).sum()));
    }

    /**
     * One client's round over its nine slots: a booking; a hold turned into a booking; a hold released; a booking
     * cancelled; a booking moved to another slot; a block lifted; a block; a removal.
     */
    private static void round(HttpJson patient, HttpJson doctor, List<String> slots, Map<String, Long> outcomes,
                              AtomicInteger done) {
        expect(outcomes, "book", 201, patient.post("/api/slots/" + slots.get(0) + "/book", "{}"));
        HttpJson.Response hold = patient.post("/api/slots/" + slots.get(1) + "/hold", "{}");
        expect(outcomes, "hold", 201, hold);
        expect(outcomes, "book held", 201, patient.post("/api/slots/" + slots.get(1) + "/book",
                "{\"holdId\":\"" + hold.json().path("holdId").asText() + "\"}"));
        expect(outcomes, "hold", 201, patient.post("/api/slots/" + slots.get(2) + "/hold", "{}"));
        expect(outcomes, "release", 204, patient.delete("/api/slots/" + slots.get(2) + "/hold"));
        expect(outcomes, "book", 201, patient.post("/api/slots/" + slots.get(3) + "/book", "{}"));
        expect(outcomes, "cancel", 200, patient.post("/api/slots/" + slots.get(3) + "/cancel",
                "{\"reason\":\"Feeling better.\"}"));
        expect(outcomes, "book", 201, patient.post("/api/slots/" + slots.get(4) + "/book", "{}"));
        expect(outcomes, "reschedule", 200, patient.post("/api/slots/" + slots.get(4) + "/reschedule",
                "{\"toSlotId\":\"" + slots.get(5) + "\"}"));
        expect(outcomes, "block", 200, doctor.post("/api/slots/" + slots.get(6) + "/block", "{}"));
        expect(outcomes, "unblock", 200, doctor.post("/api/slots/" + slots.get(6) + "/unblock", null));
        expect(outcomes, "block", 200, doctor.post("/api/slots/" + slots.get(7) + "/block",
                "{\"reason\":\"Conference.\"}"));
        expect(outcomes, "remove", 204, doctor.delete("/api/slots/" + slots.get(8)));
        done.addAndGet(SLOTS_PER_ROUND);
    }

    private static void checkIn(HttpJson patient, HttpJson doctor, String slot, Map<String, Long> outcomes,
                                AtomicInteger done) {
        expect(outcomes, "book", 201, patient.post("/api/slots/" + slot + "/book", "{}"));
        expect(outcomes, "check-in", 200, doctor.post("/api/slots/" + slot + "/check-in", null));
        done.incrementAndGet();
    }

    private static void expect(Map<String, Long> outcomes, String command, int status, HttpJson.Response answer) {
        String outcome = command + " " + (answer.status() == status ? "ok" : answer.status() + " " + answer.body());
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /**
     * {@code perClient} fresh slots for each client, all of the client's doctor ({@code client % DOCTORS}): slots of
     * one doctor never share a time, so a client's patient never holds two appointments at once.
     */
    private static List<List<String>> slotsPerClient(Clinic clinic, int clients, int perClient) {
        List<String> slots = clinic.freeSlots(clients * perClient);
        List<List<String>> mine = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            mine.add(new ArrayList<>());
        }
        int clientsPerDoctor = clients / Clinic.DOCTORS;
        int[] seen = new int[Clinic.DOCTORS];
        for (int i = 0; i < slots.size(); i++) {
            int doctor = i % Clinic.DOCTORS;
            int client = doctor + Clinic.DOCTORS * (seen[doctor]++ % clientsPerDoctor);
            mine.get(client).add(slots.get(i));
        }
        return mine;
    }

    /**
     * One slot per client starting within the hour after the booking notice (check-in opens three hours ahead in
     * the test deployment), 10 minutes long, at a time no other slot of its doctor has.
     */
    private static List<String> soonSlots(HttpJson gateway, Clinic clinic, int clients) {
        Instant base = Instant.now().plus(Duration.ofMinutes(70)).truncatedTo(ChronoUnit.MINUTES);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            TestAccounts.Session doctor = clinic.doctors.get(c % Clinic.DOCTORS);
            Instant start = base.plus(Duration.ofMinutes(10L * (c / Clinic.DOCTORS)));
            tasks.add(() -> {
                HttpJson.Response opened = gateway.as(doctor.accessToken()).post("/api/doctors/" + doctor.accountId()
                        + "/slots", "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(10))
                        + "\"}");
                assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
                return opened.json().get("slotId").asText();
            });
        }
        return Clinic.inParallel(tasks, 8);
    }

    /**
     * Waits until every streaming processor of the query side and the notification projector has handled the store
     * up to {@code head}, every mail is sent, no due reminder is pending, and no mail waits in the dead-letter queue;
     * answers the processors' names. On a time-out it says what was still missing.
     */
    private static Set<String> awaitCaughtUp(LocalCluster.Running cluster, long head, Duration patience) {
        String admin = cluster.accounts().admin().accessToken();
        Set<String> names = new HashSet<>();
        AtomicReference<String> missing = new AtomicReference<>("nothing checked yet");
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
                missing.set(notCaughtUp(cluster, admin, head, names));
                return missing.get() == null;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not caught up with global index " + head + " in " + patience + ": "
                    + missing.get(), e);
        }
        return names;
    }

    private static String notCaughtUp(LocalCluster.Running cluster, String admin, long head, Set<String> names)
            throws Exception {
        names.clear();
        for (String service : List.of(LocalCluster.QUERY_SIDE, LocalCluster.NOTIFICATION_PROJECTOR)) {
            JsonNode processors = cluster.service(service).as(admin).get("/actuator/health").json()
                    .path("components").path("eventProcessors").path("details").path("processors");
            if (processors.isEmpty()) {
                return service + " shows no processors";
            }
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) processors::fields) {
                names.add(entry.getKey());
                JsonNode processor = entry.getValue();
                if (processor.path("position").asLong(-1) < head || processor.path("replaying").asBoolean()
                        || !processor.path("running").asBoolean() || processor.path("failing").asBoolean()) {
                    return entry.getKey() + ": " + processor;
                }
            }
        }
        try (Connection db = cluster.database()) {
            long unsent = count(db, "select count(*) from notification.mail_log where status <> 'SENT'");
            long reminders = count(db, "select count(*) from notification.reminder where status = 'PENDING'"
                    + " and due_at <= now()");
            long deadLetters = count(db, "select count(*) from notification.dead_letter_entry");
            return unsent + reminders + deadLetters == 0 ? null : "mails not sent: " + unsent
                    + ", due reminders pending: " + reminders + ", dead letters: " + deadLetters;
        }
    }

    /** Rows of the store without their equal in the trail, and rows of the trail without their event, by index. */
    private static List<String> trailDifferences(Connection db) throws Exception {
        List<String> differences = new ArrayList<>();
        try (var rs = db.createStatement().executeQuery("""
                with store as (
                    select global_index, event_identifier as event_id, aggregate_identifier as aggregate_id,
                           sequence_number, regexp_replace(payload_type, '^.*\\.', '') as type,
                           convert_from(payload, 'UTF8')::jsonb as payload
                      from event_store.domain_event_entry),
                trail as (select global_index, event_id, aggregate_id, sequence_number, type::text as type, payload
                            from notification.audit_entry)
                select coalesce(s.global_index, t.global_index) as global_index,
                       s.event_id as store_event, t.event_id as trail_event
                  from store s full join trail t on s.global_index = t.global_index
                 where s is distinct from t
                 order by 1 limit 20""")) {
            while (rs.next()) {
                differences.add(rs.getLong(1) + ": store " + rs.getString(2) + ", trail " + rs.getString(3));
            }
        }
        return differences;
    }

    /** The Message-IDs the mail log of the run's events (and their reminders) stands for. */
    private static Set<String> owedMail(Connection db, long after, long upTo) throws Exception {
        Set<String> owed = new HashSet<>();
        try (var select = db.prepareStatement("""
                select m.message_key, m.recipient_id from notification.mail_log m
                 where m.message_key in (select event_identifier from event_store.domain_event_entry
                                          where global_index > ? and global_index <= ?)""")) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    owed.add("<" + rs.getString(1) + "." + rs.getString(2) + "@careslot>");
                }
            }
        }
        return owed;
    }

    private static long head(LocalCluster.Running cluster) throws Exception {
        try (Connection db = cluster.database()) {
            return count(db, "select coalesce(max(global_index), 0) from event_store.domain_event_entry");
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
