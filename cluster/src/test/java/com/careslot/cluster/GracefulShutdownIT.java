package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * SIGTERM to a command-side node in the middle of bookings sent straight to it: the commands it took finish and are
 * answered, the ones it did not take get no answer and change nothing, and nothing half-done is left behind.
 */
@ExtendWith(LocalCluster.class)
class GracefulShutdownIT {

    @Test
    void aStoppingNodeFinishesWhatItTookAndTouchesNothingElse() throws Exception {
        LocalCluster.Running cluster = LocalCluster.running();
        Clinic clinic = Clinic.withPatients(60);
        List<String> slots = clinic.freeSlots(300);
        HttpJson node = cluster.service(LocalCluster.COMMAND_SIDE_2);

        AtomicInteger answered = new AtomicInteger();
        List<Callable<Booking>> tasks = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            TestAccounts.Session patient = clinic.patients.get(i % clinic.patients.size());
            String slot = slots.get(i);
            tasks.add(() -> {
                Booking booking = Booking.attempt(node, patient, slot);
                answered.incrementAndGet();
                return booking;
            });
        }
        CompletableFuture<List<Booking>> load = CompletableFuture.supplyAsync(() -> Booking.race(tasks, 16));
        await().atMost(Duration.ofMinutes(2)).until(() -> answered.get() >= slots.size() / 3);
        int answeredAtStop = answered.get();
        long stopping = System.nanoTime();
        cluster.stop(LocalCluster.COMMAND_SIDE_2);
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        List<Booking> answers = load.get();
        cluster.start(LocalCluster.COMMAND_SIDE_2);

        Map<Integer, Long> statuses = Booking.statuses(answers);
        assertThat(statuses.keySet()).as("booked, or not taken at all (no connection)")
                .allMatch(status -> status == 201 || status == Booking.NO_ANSWER);
        List<Booking> won = answers.stream().filter(Booking::succeeded).toList();
        Map<String, List<String>> events = Ledger.bookingEvents(slots);
        for (Booking winner : won) {
            assertThat(events.get(winner.slotId())).containsExactly(winner.appointmentId());
        }
        assertThat(events).as("nothing was booked without an answer").hasSize(won.size());
        assertThat(Ledger.brokenStreams(slots)).isEmpty();
        assertThat(won.size()).as("the node was stopped mid-load").isGreaterThan(answeredAtStop - 1)
                .isLessThan(slots.size());

        FaultReport.record("SIGTERM of command-side-2 mid-load (graceful shutdown)", """
                %d bookings of distinct free slots sent straight to command-side-2 on 16 clients; stopped after %d answers
                answers: %s (-1: connection refused or closed before the request was taken)
                every 2xx in the event store: %d of %d; booked without an answer: 0; stop took %d ms
                """.formatted(slots.size(), answeredAtStop, statuses, won.size(), won.size(), stopMillis));
    }
}
