package com.careslot.platform.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.careslot.platform.database.DatabaseOutage;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A filter that needs the database before the controller runs (the rate limits' buckets, the write position, an
 * idempotent request's record) fails with the database's exception when it cannot be reached. Past the controllers
 * there is no exception handler, so the servlet container would log a servlet failure with its whole stack for every
 * such request and then render the error page. This answers the request as every controller does during an outage:
 * {@code 503 database-unavailable} with {@code Retry-After}, and one warning line. Any other failure passes on.
 */
class DatabaseOutageFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ObjectMapper json;

    DatabaseOutageFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!DatabaseOutage.causes(e) || response.isCommitted()
                    || !(response instanceof HttpServletResponse http)) {
                throw e;
            }
            log.warn("Database unreachable, answered 503: {}", e.toString());
            ResponseEntity<ProblemDetail> problem = Problems.databaseUnavailable();
            http.resetBuffer();
            http.setStatus(problem.getStatusCode().value());
            http.setHeader(HttpHeaders.RETRY_AFTER, problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            http.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(http.getOutputStream(), problem.getBody());
        }
    }
}
