package com.careslot.platform.position;

import java.io.IOException;
import java.util.Set;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every successful write answers with {@code X-Careslot-Position}: the event stream's position once its events were
 * committed (a write answers only after that). The answer is held until the handler is done so the header can still
 * be set; write answers are small.
 */
public class WritePositionFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Careslot-Position";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final EventPositions positions;

    public WritePositionFilter(EventPositions positions) {
        this.positions = positions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            if (held.getStatus() >= 200 && held.getStatus() < 300 && !held.isCommitted()) {
                held.setHeader(HEADER, Long.toString(positions.head()));
            }
            held.copyBodyToResponse();
        }
    }
}
