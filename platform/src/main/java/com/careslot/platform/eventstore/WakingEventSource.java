package com.careslot.platform.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the pooled streaming processors read it, with their coordinators woken the moment new events are
 * there. A coordinator that finds no new event asks its stream for a callback; the event store's own streams offer
 * none, and a coordinator without one looks again only 500 ms later. These streams take the callback, and one thread
 * runs them all when new events arrive: it follows the store's head through a stream of its own (a consumer of the
 * store's shared producer, which blocks until that producer has fetched something), so it wakes exactly when the
 * events are readable by every processor, and sleeps otherwise. The producer fetches on a local commit, and on
 * PostgreSQL's notice of another process's commit ({@link NewEventNotices}).
 */
public final class WakingEventSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Duration idleCheck;
    private volatile StreamableMessageSource<TrackedEventMessage<?>> store;
    private volatile Thread waker;
    private volatile boolean closed;

    /** @param idleCheck how long the waker waits for events before looking again (it wakes at once when some come) */
    public WakingEventSource(Duration idleCheck) {
        this.idleCheck = idleCheck;
    }

    /**
     * {@code source} (the event store) as a processor reads it through this source; the waker follows the head of the
     * first source given (every processor reads the same event store).
     */
    public StreamableMessageSource<TrackedEventMessage<?>> of(StreamableMessageSource<TrackedEventMessage<?>> source) {
        if (store == null) {
            store = source;
        }
        return new Source(source);
    }

    /** The waker starts with the first callback, when the processors have started, and follows the store's head. */
    private synchronized void startWaker() {
        if (waker != null || closed) {
            return;
        }
        waker = new Thread(this::follow, "event-waker");
        waker.setDaemon(true);
        waker.start();
    }

    private void follow() {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
                while (!closed) {
                    if (head.hasNextAvailable((int) idleCheck.toMillis(), TimeUnit.MILLISECONDS)) {
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        wake();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Following the event store's head failed; following it again", e);
                wake();
            }
        }
    }

    private void wake() {
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
        closed = true;
        Thread running = waker;
        if (running != null) {
            running.interrupt();
        }
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
            startWaker();
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
