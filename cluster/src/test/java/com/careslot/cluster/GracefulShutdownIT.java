package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;

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

        Booking.Load load = Booking.Load.start(node, clinic.patients, slots, 16);
        int answeredAtStop = load.awaitAnswered(slots.size() / 3);
        long stopping = System.nanoTime();
        cluster.stop(LocalCluster.COMMAND_SIDE_2);
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        List<Booking> answers = load.finish();
        cluster.start(LocalCluster.COMMAND_SIDE_2);

        Map<Integer, Long> statuses = Booking.statuses(answers);
        // Not taken at all: no connection, or (rarely) a request whose body the closing keep-alive connection cut off,
        // which Tomcat then hands over incomplete and which is refused as malformed (400). Either way nothing is
        // written: every booking in the store has its 201 (checked below).
        assertThat(statuses.keySet()).as("booked, or not taken at all (no connection, or a body cut off: 400)")
                .allMatch(status -> status == 201 || status == Booking.NO_ANSWER || status == 400);
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
