package com.careslot.platform.position;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.careslot.platform.web.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Read-your-writes: a read that sends {@code X-Careslot-Position} (the header a write answered with) waits until the
 * read models it answers from have reached that position — at most {@code careslot.read-your-writes.timeout}; past
 * that it answers what it has, marked {@code X-Careslot-Stale: true}.
 * <p>
 * It cannot be turned against the service: a position beyond the event store's head is refused (400) at once; the
 * wait costs one query when it begins and none while it polls (the processors' progress is in memory); and at most
 * {@code careslot.read-your-writes.max-waiting} reads wait at once — any more answer at once, marked stale.
 */
public class ReadPositionInterceptor implements HandlerInterceptor {

    public static final String STALE = "X-Careslot-Stale";
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ProjectionProgress progress;
    private final EventPositions positions;
    private final Duration timeout;
    private final Semaphore waiting;

    public ReadPositionInterceptor(ProjectionProgress progress, EventPositions positions, Duration timeout,
                                   int maxWaiting) {
        this.progress = progress;
        this.positions = positions;
        this.timeout = timeout;
        this.waiting = new Semaphore(maxWaiting);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(WritePositionFilter.HEADER);
        if (header == null || !"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        long position = parse(header);
        if (positions.isBeyondHead(position)) {
            throw new InvalidInputException(WritePositionFilter.HEADER,
                    "is beyond the newest event: send the position a write answered with");
        }
        Collection<String> processors = processorsOf(method);
        if (progress.passed(processors, position)) {
            return true;
        }
        if (!waiting.tryAcquire()) {
            response.setHeader(STALE, "true");
            return true;
        }
        try {
            Map<StreamingEventProcessor, Long> targets = progress.targets(processors, position);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!progress.reached(targets)) {
                if (System.nanoTime() - deadline >= 0) {
                    response.setHeader(STALE, "true");
                    return true;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            return true;
        } finally {
            waiting.release();
        }
    }

    private Collection<String> processorsOf(HandlerMethod method) {
        ReadsFrom reads = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ReadsFrom.class);
        if (reads == null) {
            reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsFrom.class);
        }
        return reads == null ? progress.processors() : List.copyOf(Arrays.asList(reads.value()));
    }

    private static long parse(String header) {
        try {
            long position = Long.parseLong(header.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidInputException(WritePositionFilter.HEADER,
                "must be the non-negative event position a write answered with");
    }
}
