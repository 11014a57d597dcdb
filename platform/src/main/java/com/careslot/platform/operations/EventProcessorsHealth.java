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
            boolean trouble = failures.of(name, processor).isPresent() || processor.isError()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            // A failure or Axon's error back-off is this node's business only while it holds a segment or one lies
            // unclaimed (released after the error, not yet taken back). When every segment is another node's live
            // claim, that node handles the events from where the stored tokens stand, and reports a failure there if
            // one fails again; this node's old failure is forgotten. The token store decides, not Axon's processing
            // status: when a failed segment's release cannot reach the database (an outage), Axon keeps that
            // segment's status, error and all, until this node claims it again — with a healthy peer holding it, never.
            boolean failing = trouble && segmentsLieUnclaimed(configuration, name);
            if (trouble && !failing) {
                failures.handedOver(name);
            }
            Optional<ProcessingFailures.Failure> failure = failures.of(name, processor);
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
     * node's (one query; asked only while the processor has a failure or is in back-off).
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
