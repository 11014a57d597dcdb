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
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import javax.sql.DataSource;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
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
    PersistenceExceptionResolver persistenceExceptionResolver() {
        // Axon's JdbcSQLErrorCodesResolver knows only SQLIntegrityConstraintViolationException, which pgjdbc never
        // throws; its SQLStateResolver reads the SQLSTATE: 23505 is a unique violation, a lost race.
        return new SQLStateResolver("23505");
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

    /**
     * Axon's JDBC storage engine, as Axon's JDBC auto-configuration makes it (which it does only where no event store
     * is defined, and {@link #eventStore} is).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptions,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(AGGREGATE_BATCH)
                // Axon's JDBC engine reads an aggregate's stream until a batch comes back empty, one more query per
                // command. A stream has no gaps (its appends are serialised by the unique (aggregate, sequence
                // number) key), so a batch shorter than the batch size is its last.
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH)
                .build();
    }

    /** Events per query when an aggregate's stream is read (Axon's default). */
    private static final int AGGREGATE_BATCH = 100;

    /**
     * Axon's embedded event store, as Axon's auto-configuration would make it, but able to hear that another process
     * committed events ({@link NewEventNotices}); its producer then polls the table only every
     * {@code careslot.processors.fetch-delay} (10 s) as a fallback, instead of every second.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    NotifiedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${careslot.processors.fetch-delay:PT10S}") Duration fetchDelay) {
        return new NotifiedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis()));
    }

    @Bean
    NewEventNotices newEventNotices(DataSource dataSource, NotifiedEventStore eventStore) {
        return new NewEventNotices(dataSource, eventStore, Duration.ofSeconds(30));
    }

    /** What every pooled streaming processor reads: the event store, its coordinators woken when events arrive. */
    @Bean
    WakingEventSource wakingEventSource() {
        return new WakingEventSource(Duration.ofSeconds(10));
    }

    @Bean
    ProcessingFailures processingFailures() {
        return new ProcessingFailures();
    }

    /**
     * Every pooled processor handles up to {@code careslot.processors.batch-size} events (default 100) in one unit of
     * work: one transaction and one token update per batch instead of per event. A batch takes what is already there
     * and waits for nothing, so an idle system still handles each event on its own at once. A batch that fails is
     * rolled back whole and retried from its first event (nothing lost, nothing doubled).
     * <p>
     * A processor starts with {@code careslot.processors.segments} segments (1; Axon's default is 16). Each claimed
     * segment renews its claim in the token table every 5 s even when idle: 9 processors × 16 segments made 44 of an
     * idle standalone's ~47 table operations per second. The parallelism is across the twelve processors, not within
     * one: a processor's coordinator offers every event it reads to each of its segments' work packages and asks each
     * how full its queue is (Axon counts a {@code ConcurrentLinkedQueue}, walking it), which with four segments took
     * 15 % of a rebuild's CPU; one segment rebuilt the read models in two thirds of the time (BENCHMARKS.md (i)). One
     * active query-side replica per processor is the deployment anyway (docs/SCALING.md). A store whose processors
     * already have their segments keeps them (split or merge them through Axon's API to change).
     * <p>
     * The batches of all processors run on one pool of {@code careslot.processors.threads} threads (8), not on four
     * threads per processor as Axon would make them: each batch holds a database connection while it runs, and twelve
     * processors × four threads wanted more connections than the pool has (a rebuild of the read models timed out
     * waiting for one, failed batches and backed off). Eight batches at once keep two cores busy and leave the pool's
     * other connections to requests.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(WakingEventSource events, ProcessingFailures failures,
                                               ProcessorThreads threads,
                                               @Value("${careslot.processors.batch-size:100}") int batchSize,
                                               @Value("${careslot.processors.segments:1}") int segments,
                                               @Value("${careslot.processors.asynchronous-commit:true}")
                                               boolean asynchronousCommit,
                                               ObjectProvider<ReadModelGroups> readModels,
                                               ObjectProvider<DataSource> dataSource) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("careslot.processors.batch-size must be at least 1, not " + batchSize);
        }
        return configurer -> {
            if (asynchronousCommit) {
                readModels.orderedStream().flatMap(groups -> groups.names().stream()).forEach(group ->
                        configurer.eventProcessing().registerTransactionManager(group, configuration ->
                                new AsynchronousCommit(configuration.getComponent(TransactionManager.class),
                                        new JdbcTemplate(dataSource.getObject()))));
            }
            defaults(configurer, events, failures, threads, batchSize, segments);
        };
    }

    @Bean
    ProcessorThreads processorThreads(@Value("${careslot.processors.threads:8}") int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("careslot.processors.threads must be at least 1, not " + threads);
        }
        return new ProcessorThreads(Executors.newScheduledThreadPool(threads,
                new CustomizableThreadFactory("processor-batch-")));
    }

    /** The threads every pooled processor's batches run on; shut down with the context, after the processors. */
    record ProcessorThreads(ScheduledExecutorService executor) implements DisposableBean {

        @Override
        public void destroy() {
            executor.shutdown();
        }
    }

    private static void defaults(org.axonframework.config.Configurer configurer, WakingEventSource events,
                                 ProcessingFailures failures, ProcessorThreads threads, int batchSize,
                                 int segments) {
        configurer.eventProcessing().usingPooledStreamingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> failures.errorHandler())
                .registerDefaultHandlerInterceptor((configuration, processor) -> failures.interceptor(processor))
                .registerPooledStreamingEventProcessorConfiguration((configuration, builder) ->
                        builder.messageSource(events.of(configuration.eventStore())).batchSize(batchSize)
                                .initialSegmentCount(segments).workerExecutor(threads.executor()))
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
                                             @Value("${careslot.commands.max-retries:8}") int maxRetries,
                                             ObjectProvider<MeterRegistry> meters) {
        return new LostRaceRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryThreads.executor())
                .retryInterval(5)
                .maxRetryCount(maxRetries), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Owns the retry executor and shuts it down with the context. */
    record CommandRetryThreads(ScheduledExecutorService executor) implements DisposableBean {

        @Override
        public void destroy() {
            executor.shutdown();
        }
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler retryScheduler) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler)
                .dispatchInterceptors(new CallerMetadata()).build();
    }

    /** Events whose shape changed after they were first stored are read through these (registered by Axon). */
    @Bean
    EventUpcaster slotHeldRevision2() {
        return new SlotHeldRevision2();
    }

    /** Every event inherits its command's actor and correlation id (invariant 5). */
    @Bean
    CorrelationDataProvider callerCorrelation() {
        return new SimpleCorrelationDataProvider(CallerMetadata.KEYS.toArray(String[]::new));
    }
}
