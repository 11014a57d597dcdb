package com.careslot.platform.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problems with a stable {@code type} ({@code urn:careslot:problem:<code>}) and title per code; clients
 * branch on the type, never on the detail text.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:careslot:problem:";
    public static final int RETRY_AFTER_SECONDS = 5;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 listing every offending field; {@code errors} is what forms show next to their inputs. */
    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The database is out of reach: the request may succeed when sent again after {@link #RETRY_AFTER_SECONDS}. */
    public static <T> ResponseEntity<T> databaseUnavailable() {
        @SuppressWarnings("unchecked")
        T problem = (T) of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service unavailable",
                "The database cannot be reached right now. Retry in a few seconds; with the same Idempotency-Key "
                        + "a retried write is never done twice.");
        // The content type is set, not negotiated: from the error dispatch (a filter's failure) negotiation would pick
        // plain application/json (seen in DatabaseOutageUnderLoadIT).
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).body(problem);
    }

    public record FieldError(String field, String message) {
    }
}
