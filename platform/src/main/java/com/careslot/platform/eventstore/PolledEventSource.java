package com.careslot.platform.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The event store as the pooled streaming processors read it, with their coordinators nudged every
 * {@code interval}. A coordinator that finds no new event asks its stream for a callback on new events; the JDBC event
 * store's streams offer none, and then the coordinator looks again only 500 ms later, which made every read model
 * trail its writes by a quarter to half a second. These streams accept the callback and run it every interval; a
 * coordinator that finds nothing new does nothing, and one that finds events hands them out at once. The streams
 * themselves are the event store's: events written by this process arrive as soon as they are committed, events of
 * other processes when the store next polls the table.
 */
public final class PolledEventSource implements AutoCloseable {

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService nudger;

    public PolledEventSource(Duration interval) {
        this.nudger = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("event-poll-"));
        long micros = Math.max(1000, interval.toNanos() / 1000);
        nudger.scheduleWithFixedDelay(this::nudge, micros, micros, TimeUnit.MICROSECONDS);
    }

    /** {@code source} (the event store) as a processor reads it through this poller. */
    public StreamableMessageSource<TrackedEventMessage<?>> of(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new Source(source);
    }

    private void nudge() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // a coordinator shutting down; it unregisters when its stream closes
            }
        }
    }

    @Override
    public void close() {
        nudger.shutdownNow();
    }

    private final class Source implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final StreamableMessageSource<TrackedEventMessage<?>> delegate;

        private Source(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new Stream(delegate.openStream(trackingToken));
        }

        @Override
        public TrackingToken createTailToken() {
            return delegate.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return delegate.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return delegate.createTokenAt(dateTime);
        }

        @Override
        public TrackingToken createTokenSince(Duration duration) {
            return delegate.createTokenSince(duration);
        }
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private Runnable callback;

        private Stream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                callbacks.remove(this.callback);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public synchronized void close() {
            if (callback != null) {
                callbacks.remove(callback);
            }
            stream.close();
        }
    }
}
