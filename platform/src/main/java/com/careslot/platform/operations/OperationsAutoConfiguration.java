package com.careslot.platform.operations;

import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import com.careslot.platform.eventstore.ProcessingFailures;
import com.careslot.platform.position.EventPositions;
import com.careslot.platform.position.PositionAutoConfiguration;
import com.careslot.platform.position.ProjectionProgress;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What operators watch: the {@code eventProcessors} health indicator (part of readiness) and the projection-lag
 * gauges, next to Spring's database health and Axon's message metrics (axon-micrometer).
 */
@AutoConfiguration(after = PositionAutoConfiguration.class)
@ConditionalOnBean(ProjectionProgress.class)
public class OperationsAutoConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("eventProcessors")
    EventProcessorsHealth eventProcessorsHealthIndicator(ObjectProvider<Configuration> axon,
                                                         ProjectionProgress progress, EventPositions positions,
                                                         ObjectProvider<ProcessingFailures> failures) {
        return new EventProcessorsHealth(axon, progress, positions,
                failures.getIfAvailable(ProcessingFailures::new));
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> projectionLagMetrics(ObjectProvider<Configuration> axon,
                                                                    ProjectionProgress progress,
                                                                    EventPositions positions,
                                                                    ObjectProvider<MeterRegistry> registry) {
        ProjectionLagMetrics metrics = new ProjectionLagMetrics(axon, progress, positions);
        return ready -> registry.ifAvailable(metrics::bindTo);
    }
}
