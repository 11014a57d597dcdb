package com.careslot.platform.operations;

import java.util.List;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Axon's message metrics (axon-micrometer, tagged by payload type) for the command, query and event buses as Axon
 * makes them, and for event processors only what an operator reads — {@code eventProcessor.latency} per processor and
 * the {@code eventProcessor.*Counter}s per processor and payload type — for the events a processor handles.
 * <p>
 * Axon's own set gives every processor four monitors (timer, capacity, counters, latency) that look their meters up
 * in the registry, and register the latency gauge again, for every event it is offered, handled or not: a processor
 * with no handler for an event type still paid for all four. Twelve processors see every event, most handle few of
 * them: in the benchmark's rebuild of the read models (BENCHMARKS.md (i)) that was 17 % of the CPU, and it is paid
 * again for every booking. Events a processor ignores now cost nothing here (they are not counted, and say nothing
 * about the processor's health); the timers and capacity reservoirs, which nothing reads, are gone.
 */
public class ProcessorMetrics extends MetricsConfigurerModule {

    private static final String EVENT_PROCESSOR = "eventProcessor";

    private final GlobalMetricRegistry metrics;

    public ProcessorMetrics(GlobalMetricRegistry metrics) {
        super(metrics, true);
        this.metrics = metrics;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                EventProcessor.class.isAssignableFrom(componentType)
                        ? (MessageMonitor<Message<?>>) (MessageMonitor<?>) eventProcessor(componentName)
                        : (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(componentType,
                                componentName));
    }

    private MessageMonitor<EventMessage<?>> eventProcessor(String processor) {
        MeterRegistry registry = metrics.getRegistry();
        Tags processorTag = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor);
        return new HandledOnly(new MultiMessageMonitor<>(List.of(
                MessageCountingMonitor.buildMonitor(EVENT_PROCESSOR, registry, message ->
                        processorTag.and(TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName())),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(EVENT_PROCESSOR).meterRegistry(registry)
                        .tagsBuilder(message -> processorTag).build())));
    }

    /**
     * Hands an event to the monitors only once the processor reports it handled or failed: an ignored event (a
     * processor's coordinator reports every event no handler of it takes) never reaches them. Neither monitor times
     * anything, so nothing is lost by ingesting late.
     */
    record HandledOnly(MessageMonitor<EventMessage<?>> monitors) implements MessageMonitor<EventMessage<?>> {

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    monitors.onMessageIngested(message).reportSuccess();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    monitors.onMessageIngested(message).reportFailure(cause);
                }

                @Override
                public void reportIgnored() {
                    // not the processor's business: not counted
                }
            };
        }
    }
}
