package com.careslot.platform.eventstore;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import com.careslot.platform.security.CallerMetadata;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The event store every service shares: Axon's JDBC storage engine on the {@code event_store} schema (created by
 * Flyway, see {@code db/event-store}), a JDBC token store beside it, pooled streaming processors, and a command
 * gateway that retries a command whose append lost a race, so the loser sees the winner's state.
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties(TokenStoreProperties.class)
public class EventStoreAutoConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("event_store.domain_event_entry")
                .snapshotTable("event_store.snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .timestampColumn("time_stamp")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("event_store.token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver(ObjectProvider<MeterRegistry> meters) {
        return new DuplicateKeyResolver(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Axon's JDBC token store, but owned under a name unique to this application context: two contexts in one JVM
     * (tests, two nodes) must compete for segment claims instead of both believing they hold them.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties properties, Environment environment) {
        String node = environment.getProperty("spring.application.name", "careslot") + "@"
                + ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(node)
                .build();
    }

    /** What every pooled streaming processor reads: the event store, its coordinators nudged every poll interval. */
    @Bean
    PolledEventSource polledEventSource(@Value("${careslot.processors.poll-interval:PT0.02S}") Duration interval) {
        return new PolledEventSource(interval);
    }

    @Bean
    ProcessingFailures processingFailures() {
        return new ProcessingFailures();
    }

    /**
     * Pooled streaming processors for every processing group. A handler that fails fails its segment: Axon's default
     * would log the exception and go on with the next event, so a read model would silently miss the event. With the
     * error propagated the segment stops, is retried with back-off from its last token, and health (readiness) shows
     * it as failing until it succeeds ({@link ProcessingFailures}). The mail group catches its errors first, in its
     * dead-letter queue.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(PolledEventSource events, ProcessingFailures failures) {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> failures.errorHandler())
                .registerDefaultHandlerInterceptor((configuration, processor) -> failures.interceptor(processor))
                .registerPooledStreamingEventProcessorConfiguration((configuration, builder) ->
                        builder.messageSource(events.of(configuration.eventStore())))
                .registerDefaultHandlerInterceptor((configuration, processor) -> new CorrelationInLogs());
    }

    /**
     * The threads that retry lost races. Deliberately not a {@code ScheduledExecutorService} bean: Spring would take
     * the only one it finds as the scheduler of every {@code @Scheduled} task (mail retries, reminders, clean-ups),
     * and a slow SMTP server would then delay the retries of bookings.
     */
    @Bean
    CommandRetryThreads commandRetryThreads() {
        return new CommandRetryThreads(Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors() * 2,
                new CustomizableThreadFactory("command-retry-")));
    }

    @Bean
    RetryScheduler concurrencyRetryScheduler(CommandRetryThreads commandRetryThreads,
                                             @Value("${careslot.commands.max-retries:8}") int maxRetries) {
        return new LostRaceRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryThreads.executor())
                .retryInterval(5)
                .maxRetryCount(maxRetries));
    }

    /** Owns the retry executor and shuts it down with the context. */
    record CommandRetryThreads(ScheduledExecutorService executor) implements DisposableBean {

        @Override
        public void destroy() {
            executor.shutdown();
        }
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler retryScheduler,
                                  ObjectProvider<CommandBusDecorator> decorators) {
        CommandBus decorated = commandBus;
        for (CommandBusDecorator decorator : decorators.orderedStream().toList()) {
            decorated = decorator.decorate(decorated);
        }
        return DefaultCommandGateway.builder().commandBus(decorated).retryScheduler(retryScheduler)
                .dispatchInterceptors(new CallerMetadata()).build();
    }

    /** Every event inherits its command's actor and correlation id (invariant 5). */
    @Bean
    CorrelationDataProvider callerCorrelation() {
        return new SimpleCorrelationDataProvider(CallerMetadata.KEYS.toArray(String[]::new));
    }
}
