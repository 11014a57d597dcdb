package com.careslot.platform.eventstore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
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

    /** Per processor, the failed events not handled since: event id → what failed (exception type, event type). */
    private final Map<String, Map<String, Failure>> failing = new ConcurrentHashMap<>();

    /** The oldest unresolved failure of the processor, if any. */
    public Optional<Failure> of(String processor) {
        Map<String, Failure> events = failing.get(processor);
        return events == null ? Optional.empty()
                : events.values().stream().min((a, b) -> Long.compare(a.sinceMillis(), b.sinceMillis()));
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
            events.putIfAbsent(event.getIdentifier(), new Failure(event.getPayloadType().getSimpleName(),
                    context.error().getClass().getSimpleName(), System.currentTimeMillis()));
        }
    }

    /** One failure: the event's type, the exception's type (never its message: it may quote data), and when. */
    public record Failure(String eventType, String error, long sinceMillis) {
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
