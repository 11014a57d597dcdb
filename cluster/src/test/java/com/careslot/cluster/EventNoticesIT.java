package com.careslot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.careslot.platform.test.HttpJson;

/**
 * Issue 17, point 2: the query side hears of the command side's events through PostgreSQL ({@code NOTIFY
 * careslot_events} at commit, {@code LISTEN} in each process), not by polling the event table. Its event store polls
 * only every 10 s as a fallback ({@code careslot.processors.fetch-delay}), so a booking made on a command-side node
 * that the query side shows BOOKED within a few seconds, every time, was noticed.
 */
@ExtendWith(LocalCluster.class)
class EventNoticesIT {

    @Test
    void theQuerySideSeesEachBookingOfACommandSideNodeLongBeforeItsFallbackPoll() {
        LocalCluster.Running cluster = LocalCluster.running();
        Clinic clinic = Clinic.withPatients(20);
        List<String> slots = clinic.freeSlots(20);
        HttpJson querySide = cluster.service(LocalCluster.QUERY_SIDE);
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            String slot = slots.get(i);
            // one command-side node, then the other: both are other processes than the query side
            HttpJson node = cluster.service(i % 2 == 0 ? LocalCluster.COMMAND_SIDE_1 : LocalCluster.COMMAND_SIDE_2);
            long booked = System.nanoTime();
            assertThat(Booking.attempt(node, clinic.patients.get(i), slot).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(5)).until(
                    () -> querySide.get("/api/slots/" + slot).json().path("status").asText(), "BOOKED"::equals);
            lags.add((System.nanoTime() - booked) / 1_000_000);
        }
        Collections.sort(lags);
        FaultReport.record("the query side hears of command-side events", """
                20 bookings on the two command-side nodes, each read from the query side until BOOKED: \
                median %d ms, slowest %d ms (the fallback poll would take up to 10,000 ms)
                """.formatted(lags.get(lags.size() / 2), lags.get(lags.size() - 1)));
        assertThat(lags.get(lags.size() - 1)).as("slowest, ms: a notice, not the 10 s fallback poll")
                .isLessThan(5_000);
    }
}
