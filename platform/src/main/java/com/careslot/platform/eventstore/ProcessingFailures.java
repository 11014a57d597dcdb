package com.careslot.platform.eventstore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Which event each streaming processor failed on and has not handled since. A pooled processor whose batch fails
 * releases the segment and claims it again after a back-off, so the segment's own error status lasts only until the
 * release: this keeps the failure visible (readiness, health) until the processor has committed that event.
 * Failures are recorded by {@link #errorHandler} (which then propagates, so the batch is retried, never skipped) and
 * cleared by {@link #interceptor} when a unit of work that handled the event commits.
 */
public final class ProcessingFailures {

    /** A segment with mask m holds 1/(m+1) of the events: this much, of all of them. */
    private static final long WHOLE = 1L << 32;

    /** Per processor, the failed events not handled since: event id → what failed (exception type, event type). */
    private final Map<String, Map<String, Failure>> failing = new ConcurrentHashMap<>();

    /**
     * The oldest unresolved failure of the processor, if any. A failure is resolved when a unit of work that handled its
     * event committed, or when every segment of the processor, all claimed here, has moved past the event (a batch can
     * fail after its commit reached the database, when the database went away: the event then never comes again).
     */
    public Optional<Failure> of(String processor, StreamingEventProcessor running) {
        Map<String, Failure> events = failing.get(processor);
        if (events == null || events.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, EventTrackerStatus> segments = running.processingStatus();
        long covered = 0;
        for (EventTrackerStatus segment : segments.values()) {
            covered += WHOLE / (segment.getSegment().getMask() + 1L);
        }
        if (covered == WHOLE) {
            events.values().removeIf(failure -> failure.token() != null && segments.values().stream()
                    .allMatch(segment -> segment.getTrackingToken() != null
                            && segment.getTrackingToken().covers(failure.token())));
        }
        return events.values().stream().min((a, b) -> Long.compare(a.sinceMillis(), b.sinceMillis()));
    }

    /**
     * Forgets the processor's failures because every one of its segments is now claimed by another node, which
     * handles those events from where the store's tokens stand (and records its own failure if one fails there too).
     */
    public void handedOver(String processor) {
        Map<String, Failure> events = failing.get(processor);
        if (events != null) {
            events.clear();
        }
    }

    ErrorHandler errorHandler() {
        return context -> {
            record(context.eventProcessor(), context);
            PropagatingErrorHandler.instance().handleError(context);
        };
    }

    MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        return new Cleared(processor);
    }

    private void record(String processor, ErrorContext context) {
        Map<String, Failure> events = failing.computeIfAbsent(processor, name -> new ConcurrentHashMap<>());
        for (EventMessage<?> event : context.failedEvents()) {
            TrackingToken token = event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null;
            events.putIfAbsent(event.getIdentifier(), new Failure(event.getPayloadType().getSimpleName(),
                    context.error().getClass().getSimpleName(), System.currentTimeMillis(), token));
        }
    }

    /**
     * One failure: the event's type, the exception's type (never its message: it may quote data), when, and where the
     * event stands in the stream.
     */
    public record Failure(String eventType, String error, long sinceMillis, TrackingToken token) {
    }

    private final class Cleared implements MessageHandlerInterceptor<EventMessage<?>> {

        private final String processor;

        Cleared(String processor) {
            this.processor = processor;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Map<String, Failure> events = failing.get(processor);
            if (events != null && !events.isEmpty()) {
                String eventId = unitOfWork.getMessage().getIdentifier();
                unitOfWork.afterCommit(committed -> events.remove(eventId));
            }
            return chain.proceed();
        }
    }
}
