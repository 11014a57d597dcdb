package com.careslot.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WakingEventSourceTest {

    private final EmbeddedEventStore store =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final WakingEventSource polling = new WakingEventSource(Duration.ofSeconds(10));

    @AfterEach
    void close() {
        polling.close();
        store.shutDown();
    }

    @Test
    void aStreamsCallbackRunsWhenEventsArriveNeverWhileNothingHappensAndNotAfterItCloses() {
        BlockingStream<TrackedEventMessage<?>> stream = polling.of(store).openStream(null);
        AtomicInteger wakes = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(wakes::incrementAndGet)).isTrue();

        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(wakes.get()).as("wake-ups while nothing happened").isZero();

        store.publish(GenericEventMessage.asEventMessage("one"));
        await().atMost(Duration.ofSeconds(2)).until(() -> wakes.get() >= 1);
        int afterOne = wakes.get();
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(wakes.get()).as("no further wake-ups without events").isEqualTo(afterOne);

        stream.close();
        store.publish(GenericEventMessage.asEventMessage("two"));
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(wakes.get()).as("a closed stream is not woken").isEqualTo(afterOne);
    }

    @Test
    void aPooledProcessorHandlesEachEventWellWithinTheCoordinatorsHalfSecondFallback() {
        ConcurrentHashMap<Object, Long> seen = new ConcurrentHashMap<>();
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("woken")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((org.axonframework.eventhandling.EventMessageHandler) event -> {
                            seen.put(event.getPayload(), System.nanoTime());
                            return null;
                        }).build())
                .messageSource(polling.of(store))
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newScheduledThreadPool(2))
                .initialSegmentCount(1)
                .build();
        processor.start();
        try {
            store.publish(GenericEventMessage.asEventMessage("first"));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("first"));
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                await().pollDelay(Duration.ofMillis(30)).until(() -> true);
                String payload = "event " + i;
                long published = System.nanoTime();
                store.publish(GenericEventMessage.<Object>asEventMessage(payload));
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
                        .until(() -> seen.containsKey(payload));
                lags.add((seen.get(payload) - published) / 1_000_000);
            }
            // Without the callback the coordinator looks again 500 ms after finding nothing: 250 ms on average.
            assertThat(lags.stream().mapToLong(Long::longValue).average().orElseThrow())
                    .as("lags in ms: %s", lags).isLessThan(100);
        } finally {
            processor.shutDown();
        }
    }

}
