package com.careslot.platform.position;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

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
 */
public class ReadPositionInterceptor implements HandlerInterceptor {

    public static final String STALE = "X-Careslot-Stale";
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ProjectionProgress progress;
    private final Duration timeout;

    public ReadPositionInterceptor(ProjectionProgress progress, Duration timeout) {
        this.progress = progress;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(WritePositionFilter.HEADER);
        if (header == null || !"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        long position = parse(header);
        Collection<String> processors = processorsOf(method);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.reached(processors, position)) {
            if (System.nanoTime() - deadline >= 0) {
                response.setHeader(STALE, "true");
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
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
