package com.careslot.platform.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.time.Instant;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import com.careslot.platform.eventstore.ProcessingFailures;
import com.careslot.platform.position.EventPositions;
import com.careslot.platform.position.ProjectionProgress;

/**
 * The process's streaming event processors: down when one of them has stopped or failed on an event it has not
 * handled since ({@link ProcessingFailures}: its read model or mail no longer follows the store); otherwise up, with each processor's position, whether it has caught up
 * and how many events the store's head is ahead of it.
 */
class EventProcessorsHealth extends AbstractHealthIndicator {

    private final ObjectProvider<Configuration> axon;
    private final ProjectionProgress progress;
    private final EventPositions positions;
    private final ProcessingFailures failures;

    EventProcessorsHealth(ObjectProvider<Configuration> axon, ProjectionProgress progress, EventPositions positions,
                          ProcessingFailures failures) {
        super("Event processors could not be inspected");
        this.axon = axon;
        this.progress = progress;
        this.positions = positions;
        this.failures = failures;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Configuration configuration = axon.getIfAvailable();
        if (configuration == null) {
            health.unknown();
            return;
        }
        long head = positions.head();
        boolean healthy = true;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (String name : progress.processors()) {
            StreamingEventProcessor processor = configuration.eventProcessingConfiguration()
                    .eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            if (processor.processingStatus().isEmpty() && failures.of(name, processor).isPresent()
                    && !segmentsLieUnclaimed(configuration, name)) {
                // This node failed on an event, released the segment and another node took it over: that node now
                // handles the event, and reports it if it fails there too. Without this, the failure would stay here
                // until this node next holds every segment, which with one segment and a healthy peer may be never.
                failures.handedOver(name);
            }
            Optional<ProcessingFailures.Failure> failure = failures.of(name, processor);
            // Axon's pooled coordinator stays in its error back-off (isError) until it next holds a segment: a node whose
            // segments another node took over during an outage would be "in error" for good. So the back-off counts
            // while this node holds segments, or while segments lie unclaimed (released after the error, not yet taken
            // back); a failed event is tracked by ProcessingFailures until it is handled.
            boolean failing = failure.isPresent()
                    || processor.isError() && (!processor.processingStatus().isEmpty()
                            || segmentsLieUnclaimed(configuration, name))
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            boolean running = processor.isRunning();
            healthy &= running && !failing;
            OptionalLong position = progress.position(processor);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", running);
            details.put("failing", failing);
            failure.ifPresent(f -> details.put("failure", Map.of("eventType", f.eventType(), "error", f.error(),
                    "since", Instant.ofEpochMilli(f.sinceMillis()).toString())));
            details.put("replaying", processor.isReplaying());
            details.put("segments", processor.processingStatus().size());
            if (position.isPresent()) {
                details.put("position", position.getAsLong());
                details.put("behind", Math.max(0, head - position.getAsLong()));
            }
            details.put("caughtUp", progress.reached(List.of(name), head));
            processors.put(name, details);
        }
        (healthy ? health.up() : health.down()).withDetail("head", head).withDetail("processors", processors);
    }

    /**
     * Whether any of the processor's segments can be claimed by this node: unowned, its claim expired or already this
     * node's (one query; asked only while the processor holds no segment and is in back-off or has a failure).
     */
    private static boolean segmentsLieUnclaimed(Configuration configuration, String name) {
        try {
            return !configuration.eventProcessingConfiguration().tokenStore(name).fetchAvailableSegments(name)
                    .isEmpty();
        } catch (RuntimeException e) {
            return true; // the token store cannot be read: the database is away, and that is not healthy either
        }
    }
}
