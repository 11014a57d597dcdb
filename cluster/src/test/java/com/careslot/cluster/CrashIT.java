package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * {@code kill -9} in the middle of the work: a command-side node while bookings stream through the gateway, both
 * command-side nodes while holds wait to expire, the notification projector while it sends. Sizes:
 * {@code -Dcareslot.faults.crash-bookings} (300; the long run 2,000) and {@code .mail-bookings} (150; 1,000).
 */
@ExtendWith(LocalCluster.class)
class CrashIT {

    @Test
    void killingACommandSideNodeMidLoadLosesNoAcceptedBooking() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        Clinic clinic = Clinic.withPatients(60);
        List<String> slots = clinic.freeSlots(FaultReport.setting("crash-bookings", 300));
        HttpJson gateway = cluster.gateway();
        // Reschedules run beside the bookings: each moves a patient's booking from slot A to slot B, two streams in
        // one transaction, so a crash must leave the appointment whole in A or whole in B.
        List<String> moves = clinic.freeSlots(2 * clinic.patients.size());
        int pairs = clinic.patients.size();
        for (int p = 0; p < pairs; p++) {
            assertThat(Booking.attempt(gateway, clinic.patients.get(p), moves.get(p)).status()).isEqualTo(201);
        }

        AtomicInteger movesAnswered = new AtomicInteger();
        CompletableFuture<List<Integer>> rescheduled = CompletableFuture.supplyAsync(() -> Clinic.inParallel(
                java.util.stream.IntStream.range(0, pairs).<java.util.concurrent.Callable<Integer>>mapToObj(p -> () -> {
                    int status = reschedule(gateway, clinic.patients.get(p), moves.get(p), moves.get(pairs + p));
                    movesAnswered.incrementAndGet();
                    return status;
                }).toList(), 3));
        Booking.Load load = Booking.Load.start(gateway, clinic.patients, slots, 16);
        // The kill falls while both kinds of work are under way.
        load.awaitAnswered(slots.size() / 5);
        await().atMost(Duration.ofMinutes(2)).until(() -> movesAnswered.get() >= pairs / 4);
        int answeredAtKill = load.answered().get();
        cluster.kill(LocalCluster.COMMAND_SIDE_1);
        List<Booking> answers = load.finish();
        Map<Integer, Long> rescheduleStatuses = rescheduled.get().stream().collect(Collectors.groupingBy(
                status -> status, java.util.TreeMap::new, Collectors.counting()));
        long restartStarted = System.nanoTime();
        cluster.start(LocalCluster.COMMAND_SIDE_1);
        long restartMillis = (System.nanoTime() - restartStarted) / 1_000_000;

        List<Booking> won = answers.stream().filter(Booking::succeeded).toList();
        Map<Integer, Long> statuses = Booking.statuses(answers);
        assertThat(statuses.keySet()).as("answers: booked, or the gateway's 503 for a request cut off by the crash")
                .allMatch(status -> status == 201 || status == 503);
        Map<String, List<String>> events = Ledger.bookingEvents(slots);
        for (Booking winner : won) {
            assertThat(events.get(winner.slotId())).as("every 2xx is in the event store")
                    .containsExactly(winner.appointmentId());
        }
        assertThat(events.values()).allSatisfy(booked -> assertThat(booked).hasSize(1));
        assertThat(Ledger.brokenStreams(slots)).as("no half-written stream").isEmpty();
        // Every slot the store says is booked, the read model shows booked: including a booking whose answer the
        // crash swallowed, and those the restarted node's processors handle from their stored tokens.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> readModel = Ledger.readModel(slots);
            events.forEach((slot, booked) -> assertThat(readModel.get(slot)).isEqualTo("BOOKED " + booked.get(0)));
        });
        assertThat(readiness(cluster.service(LocalCluster.COMMAND_SIDE_1))).isEqualTo(200);
        assertThat(rescheduleStatuses.keySet()).allMatch(status -> status == 200 || status == 503);
        assertThat(Ledger.brokenStreams(moves)).isEmpty();
        Map<String, List<String>> moveTypes = Ledger.eventTypes(moves);
        int moved = 0;
        for (int p = 0; p < pairs; p++) {
            boolean left = moveTypes.get(moves.get(p)).contains("BookingMovedOut");
            boolean arrived = moveTypes.getOrDefault(moves.get(pairs + p), List.of()).contains("BookingMovedIn");
            assertThat(left).as("reschedule %d: out of A exactly when into B", p).isEqualTo(arrived);
            moved += arrived ? 1 : 0;
        }
        Map<String, String> movesRead = await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.readModel(moves),
                rows -> rows.values().stream().filter(row -> row.startsWith("BOOKED")).count() == pairs);
        assertThat(movesRead.values().stream().filter(row -> row.startsWith("BOOKED")).map(row -> row.split(" ")[1])
                .distinct().count()).as("every appointment in exactly one slot").isEqualTo(pairs);
        // The cut-off requests can be sent again: a slot they did not book is still free for them.
        List<Booking> retried = new ArrayList<>();
        for (Booking lost : answers.stream().filter(b -> !b.succeeded()).toList()) {
            if (!events.containsKey(lost.slotId())) {
                TestAccounts.Session patient = clinic.patients.stream()
                        .filter(p -> p.accountId().toString().equals(lost.patientId())).findFirst().orElseThrow();
                retried.add(Booking.attempt(gateway, patient, lost.slotId()));
            }
        }
        assertThat(retried).allMatch(Booking::succeeded);

        FaultReport.record("kill -9 of command-side-1 mid-load", """
                %d bookings of distinct free slots on 16 clients through the gateway; command-side-1 killed after %d answers
                answers: %s; by node: %s
                cut off by the crash (503 from the gateway): %d, of which booked anyway (the write committed, the answer was lost): %d
                every 2xx in the event store and the read model: %d of %d; slots with a broken stream: 0
                restart of command-side-1 until ready: %d ms; the cut-off bookings sent again: %d, all booked
                %d reschedules (two slot streams in one transaction) beside the load: %s; moved whole: %d, left whole: %d, half-moved: 0
                """.formatted(slots.size(), answeredAtKill, statuses, Booking.count(answers, Booking::instance),
                answers.size() - won.size(), events.size() - won.size(), won.size(), won.size(), restartMillis,
                retried.size(), pairs, rescheduleStatuses, moved, pairs - moved));
    }

    @Test
    void holdDeadlinesFireAfterEveryCommandSideNodeWasKilled() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        Clinic clinic = Clinic.withPatients(60);
        List<String> slots = clinic.freeSlots(20);
        HttpJson gateway = cluster.gateway();
        for (int i = 0; i < slots.size(); i++) {
            HttpJson.Response hold = gateway.as(clinic.patients.get(i).accessToken())
                    .post("/api/slots/" + slots.get(i) + "/hold", null);
            assertThat(hold.status()).as("hold %s", hold).isEqualTo(201);
        }
        long killedAt = System.nanoTime();
        cluster.kill(LocalCluster.COMMAND_SIDE_1, LocalCluster.COMMAND_SIDE_2);
        // The holds last 20 s (CARESLOT_BOOKING_HOLD_DURATION in LocalCluster); both nodes take longer to come back.
        cluster.start(LocalCluster.COMMAND_SIDE_1, LocalCluster.COMMAND_SIDE_2);
        long downSeconds = (System.nanoTime() - killedAt) / 1_000_000_000;

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(Ledger.eventTypes(slots).values())
                .allSatisfy(types -> assertThat(types).endsWith("HoldExpired")));
        long expiredAfter = (System.nanoTime() - killedAt) / 1_000_000_000;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Ledger.readModel(slots).values())
                .allSatisfy(row -> assertThat(row).startsWith("FREE")));
        assertThat(Ledger.brokenStreams(slots)).isEmpty();

        FaultReport.record("kill -9 of both command-side nodes with holds pending", """
                %d holds of 20 s placed, then both command-side nodes killed and started again (%d s without any)
                every hold expired (HoldExpired in the event store, FREE in the read model) %d s after the kill
                """.formatted(slots.size(), downSeconds, expiredAfter));
    }

    @Test
    void killingTheNotificationProjectorMidSendOwesNoMailAndRepeatsNone() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        Clinic clinic = Clinic.withPatients(60);
        int count = FaultReport.setting("mail-bookings", 100);
        List<String> slots = clinic.freeSlots(count);
        HttpJson gateway = cluster.gateway();

        List<Booking> booked = Booking.Load.start(gateway, clinic.patients, slots, 16).finish();
        assertThat(booked).allMatch(Booking::succeeded);
        // Two mails per booking, patient and doctor, each with its Message-ID fixed by event and recipient.
        int owed = 2 * count;
        Set<String> expected = new HashSet<>();
        Map<String, String> eventIds = bookedEventIds(slots);
        Map<String, String> doctorOf = doctorsOf(clinic);
        for (Booking booking : booked) {
            String eventId = eventIds.get(booking.slotId());
            expected.add("<" + eventId + "." + booking.patientId() + "@careslot>");
            expected.add("<" + eventId + "." + doctorOf.get(booking.slotId()) + "@careslot>");
        }
        assertThat(expected).hasSize(owed);
        // Kill the projector while they go out: watched in its mail log (a cheap query polled every 10 ms; reading the
        // caught mail itself is too slow to catch the sending half-way).
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> sentInLog(cluster, eventIds.values()) >= owed / 4);
        long sentAtKill = sentInLog(cluster, eventIds.values());
        cluster.kill(LocalCluster.NOTIFICATION_PROJECTOR);
        // While it is gone the gateway answers for it, in problem+json like the services.
        HttpJson.Response away = gateway.get("/api/audit/events");
        assertThat(away.status()).isEqualTo(503);
        assertThat(away.contentType()).startsWith("application/problem+json");
        assertThat(away.header("Retry-After")).isEqualTo("5");
        cluster.start(LocalCluster.NOTIFICATION_PROJECTOR);

        await().atMost(Duration.ofMinutes(3)).untilAsserted(
                () -> assertThat(cluster.caughtMessageIds()).containsAll(expected));
        // Anything still to come would come now: the log is settled once nothing is pending in it.
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingMail(cluster) == 0);
        Map<String, Long> copies = cluster.caughtMessageIds().stream().filter(expected::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long repeated = copies.values().stream().filter(n -> n > 1).count();
        long mailboxes = copies.size();

        assertThat(mailboxes).as("every owed mail, per recipient and event").isEqualTo(owed);
        // A mail goes twice only if the kill fell between the SMTP server's 250 and the log's commit; each mail
        // thread can be in that window once, and the copy carries the same Message-ID, so a mailbox shows it once.
        assertThat(repeated).as("mails delivered twice by SMTP").isLessThanOrEqualTo(4);

        FaultReport.record("kill -9 of the notification projector mid-send", """
                %d bookings owe %d mails (patient and doctor); the projector was killed after its mail log had %d of them sent
                after its restart: every owed mail arrived (%d of %d distinct per recipient and event); delivered twice by SMTP: %d
                """.formatted(count, owed, sentAtKill, mailboxes, owed, repeated));
    }

    private static int reschedule(HttpJson gateway, TestAccounts.Session patient, String from, String to) {
        try {
            return gateway.as(patient.accessToken()).post("/api/slots/" + from + "/reschedule",
                    "{\"toSlotId\":\"" + to + "\"}").status();
        } catch (java.io.UncheckedIOException e) {
            return Booking.NO_ANSWER;
        }
    }

    private static int readiness(HttpJson service) {
        return service.get("/actuator/health/readiness").status();
    }

    private static long sentInLog(LocalCluster.Running cluster, java.util.Collection<String> eventIds)
            throws Exception {
        try (var connection = cluster.database();
             var select = connection.prepareStatement(
                     "select count(*) from notification.mail_log where status = 'SENT' and message_key = any (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long pendingMail(LocalCluster.Running cluster) throws Exception {
        try (var connection = cluster.database();
             var rs = connection.createStatement().executeQuery(
                     "select count(*) from notification.mail_log where status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> bookedEventIds(List<String> slots) throws Exception {
        try (var connection = LocalCluster.running().database();
             var select = connection.prepareStatement("""
                     select aggregate_identifier, event_identifier from event_store.domain_event_entry
                      where aggregate_identifier = any (?) and payload_type like '%.SlotBooked'""")) {
            select.setArray(1, connection.createArrayOf("varchar", slots.toArray()));
            Map<String, String> ids = new java.util.HashMap<>();
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getString(2));
                }
            }
            return ids;
        }
    }

    private static Map<String, String> doctorsOf(Clinic clinic) throws Exception {
        try (var connection = LocalCluster.running().database();
             var rs = connection.createStatement().executeQuery("select slot_id::text, doctor_id::text from query_side.slot")) {
            Map<String, String> doctors = new java.util.HashMap<>();
            while (rs.next()) {
                doctors.put(rs.getString(1), rs.getString(2));
            }
            return doctors;
        }
    }
}
