package com.careslot;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import com.careslot.platform.position.ProjectionProgress;

/**
 * Tests that read their own writes or watch the live stream need the shared context to run every segment of its
 * processors: another context on the same database (a test's own node, closed by now) may still have held some.
 */
final class LocalProcessors {

    private LocalProcessors() {
    }

    static void awaitAllSegments(Configuration axon, ProjectionProgress progress) {
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.processors().stream()
                .map(name -> axon.eventProcessingConfiguration()
                        .eventProcessor(name, StreamingEventProcessor.class).orElseThrow())
                .allMatch(processor -> progress.position(processor).isPresent()));
    }
}
