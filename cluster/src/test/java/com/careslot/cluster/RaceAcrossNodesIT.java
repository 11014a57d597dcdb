package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Many clients, through the gateway, race for the same slots on two command-side nodes that share nothing but the
 * event store. Every slot has exactly one winner, recorded once in the event store and in the read model; every
 * loser hears 409. Sizes: {@code -Dcareslot.faults.attempts} (2,000; the long run 10,000), {@code .slots} (200;
 * 1,000), {@code .clients} (32; 64), {@code .patients} (60; 200).
 */
@ExtendWith(LocalCluster.class)
class RaceAcrossNodesIT {

    @Test
    void tenAttemptsPerSlotAcrossTwoNodesBookEachSlotOnce() throws Exception {
        int attempts = FaultReport.setting("attempts", 2_000);
        int slotCount = FaultReport.setting("slots", 200);
        int clients = FaultReport.setting("clients", 32);
        Clinic clinic = Clinic.withPatients(FaultReport.setting("patients", 60));
        List<String> slots = clinic.freeSlots(slotCount);
        HttpJson gateway = LocalCluster.running().gateway();

        Random random = new Random(42);
        List<Callable<Booking>> tasks = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String slot = slots.get(i % slotCount);
            TestAccounts.Session patient = clinic.patients.get(random.nextInt(clinic.patients.size()));
            tasks.add(() -> Booking.attempt(gateway, patient, slot));
        }
        Collections.shuffle(tasks, random);
        long started = System.nanoTime();
        List<Booking> answers = Booking.race(tasks, clients);
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000);

        List<Booking> won = answers.stream().filter(Booking::succeeded).toList();
        Map<Integer, Long> statuses = Booking.statuses(answers);
        Map<String, Long> winnersByNode = Booking.count(won, Booking::instance);
        Map<String, Long> answersByNode = Booking.count(answers, Booking::instance);
        assertThat(statuses.keySet()).as("every answer is a booking or a 409").allMatch(s -> s == 201 || s == 409);
        assertThat(won.stream().collect(Collectors.groupingBy(Booking::slotId, Collectors.counting())))
                .as("one winner per slot").hasSize(slotCount).allSatisfy((slot, winners) -> assertThat(winners).isOne());
        assertThat(answersByNode.keySet()).containsExactlyInAnyOrder(LocalCluster.COMMAND_SIDE_1,
                LocalCluster.COMMAND_SIDE_2);

        Map<String, List<String>> events = Ledger.bookingEvents(slots);
        long doubleBooked = events.values().stream().filter(booked -> booked.size() > 1).count();
        assertThat(doubleBooked).as("slots with two SlotBooked events").isZero();
        for (Booking winner : won) {
            assertThat(events.get(winner.slotId())).as("the event of the 2xx").containsExactly(winner.appointmentId());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> readModel = Ledger.readModel(slots);
            for (Booking winner : won) {
                assertThat(readModel.get(winner.slotId())).isEqualTo("BOOKED " + winner.appointmentId());
            }
        });
        assertThat(Ledger.brokenStreams(slots)).isEmpty();

        FaultReport.record("Race across two command-side nodes through the gateway", """
                %d booking attempts by %d patients on %d clients over %d slots, in %d s (%d attempts/s)
                answers: %s; by node: %s; winners by node: %s
                latency p50 %d ms, p99 %d ms, max %d ms
                slots with two SlotBooked events (SQL on event_store.domain_event_entry): %d
                winners whose event is missing or differs: 0; read model rows BOOKED with the winner's appointment: %d of %d
                """.formatted(attempts, clinic.patients.size(), clients, slotCount, seconds, attempts / seconds,
                statuses, answersByNode, winnersByNode, Booking.percentile(answers, 0.50),
                Booking.percentile(answers, 0.99), Booking.percentile(answers, 1.0), doubleBooked, won.size(),
                slotCount));
    }
}
