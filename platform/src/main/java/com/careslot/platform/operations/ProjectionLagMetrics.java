package com.careslot.platform.operations;

import java.util.OptionalLong;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;

import com.careslot.platform.position.EventPositions;
import com.careslot.platform.position.ProjectionProgress;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code careslot.projection.lag} (events, per processor): how far the store's head is ahead of the processor's
 * slowest segment here. An upper bound: a processor does not move over events of types it does not handle until the
 * next one it does. Axon's own {@code eventProcessor.latency} gives the lag in time.
 */
class ProjectionLagMetrics {

    private final ObjectProvider<Configuration> axon;
    private final ProjectionProgress progress;
    private final EventPositions positions;

    ProjectionLagMetrics(ObjectProvider<Configuration> axon, ProjectionProgress progress, EventPositions positions) {
        this.axon = axon;
        this.progress = progress;
        this.positions = positions;
    }

    /** Once the processors exist, that is when the application is ready. */
    void bindTo(MeterRegistry registry) {
        for (String name : progress.processors()) {
            Gauge.builder("careslot.projection.lag", () -> lag(name))
                    .description("Events the store's head is ahead of the processor's slowest segment on this node")
                    .baseUnit("events")
                    .tag("processor", name)
                    .register(registry);
        }
    }

    private double lag(String name) {
        Configuration configuration = axon.getIfAvailable();
        if (configuration == null) {
            return Double.NaN;
        }
        OptionalLong position = configuration.eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class).map(progress::position)
                .orElse(OptionalLong.empty());
        return position.isPresent() ? Math.max(0, positions.head() - position.getAsLong()) : Double.NaN;
    }
}
