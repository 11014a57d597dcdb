package com.careslot.platform.idempotency;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.careslot.platform.security.Caller;
import com.careslot.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes under {@code /api/} with an {@code Idempotency-Key}: the first request with a key runs and its answer is
 * kept; a retry with the same key, method, path and body gets that answer again without running again. Keys belong to
 * the signed-in account, so one account never sees another's answer. The same key with another request answers 422;
 * while the first is still running, 409 with {@code Retry-After}.
 * <p>
 * Runs after Spring Security, so the caller is known. Requests without an account and {@code /api/auth/**} pass
 * through unrecorded: their answers carry tokens or personal data that an anonymous key could hand to a stranger, and
 * sign-up is already safe to retry (an email registers once). 5xx answers and answers with {@code Retry-After} are
 * not kept, so a retry runs again; nor are bodies larger than {@code careslot.idempotency.max-stored-body}.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final String POSITION = "X-Careslot-Position";
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, POSITION);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int CLAIM_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRequests requests;
    private final ObjectMapper json;
    private final long maxStoredBody;

    IdempotencyFilter(IdempotentRequests requests, ObjectMapper json, long maxStoredBody) {
        this.requests = requests;
        this.json = json;
        this.maxStoredBody = maxStoredBody;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !path(request).startsWith("/api/")
                || request.getHeader(HEADER) == null || isMultipart(request);
    }

    /** An upload is never held in memory to be compared with an earlier one: its key is not looked at. */
    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> keys = Collections.list(request.getHeaders(HEADER));
        if (keys.size() != 1 || !KEY.matcher(keys.get(0)).matches()) {
            write(request, response, Problems.invalid("Invalid value for: " + HEADER, List.of(new Problems.FieldError(
                    HEADER, keys.size() > 1 ? "must be sent once" : "must be 1 to 255 visible ASCII characters"))));
            return;
        }
        Optional<Caller> caller = caller();
        if (caller.isEmpty() || path(request).startsWith("/api/auth/")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        KeyedRequest keyed = new KeyedRequest(caller.get().accountId().toString(), keys.get(0), request.getMethod(),
                pathAndQuery(request), sha256(body));
        HttpServletRequest cached = new CachedBodyRequest(request, body);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<OffsetDateTime> claimed = requests.claim(keyed);
            if (claimed.isPresent()) {
                run(keyed, claimed.get(), cached, response, chain);
                return;
            }
            Optional<IdempotentRequests.Recorded> recorded = requests.find(keyed);
            if (recorded.isPresent()) {
                answer(keyed, recorded.get(), request, response);
                return;
            }
            // The key was given up between our claim and our look; claim it again.
        }
        inProgress(request, response);
    }

    private void run(KeyedRequest keyed, OffsetDateTime claimedAt, HttpServletRequest request,
                     HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        CapturedResponse captured = new CapturedResponse(response);
        try {
            chain.doFilter(request, captured);
        } catch (Throwable failure) {
            forget(keyed, claimedAt);
            throw failure;
        }
        byte[] body = captured.getContentAsByteArray();
        int status = captured.getStatus();
        if (captured.bodyElsewhere() || status >= 500 || captured.getHeader(HttpHeaders.RETRY_AFTER) != null
                || body.length > maxStoredBody) {
            forget(keyed, claimedAt);
        } else {
            keep(keyed, claimedAt, new RecordedAnswer(status, headersToKeep(captured), body));
        }
        captured.copyBodyToResponse();
    }

    private void answer(KeyedRequest keyed, IdempotentRequests.Recorded recorded, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        if (!keyed.sameAs(recorded.method(), recorded.path(), recorded.bodySha256())) {
            write(request, response, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency key reused", "This Idempotency-Key was sent before with a different request ("
                            + recorded.method() + " " + recorded.path() + " or another body). "
                            + "Use a new key for a new request."));
            return;
        }
        if (recorded.inProgress()) {
            inProgress(request, response);
            return;
        }
        RecordedAnswer answer = recorded.answer();
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> {
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                response.setContentType(value);
            } else {
                response.setHeader(name, value);
            }
        });
        response.setHeader(REPLAYED, "true");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        if (body.length > 0) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private void inProgress(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        write(request, response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                "Idempotency key in progress", "A request with this Idempotency-Key is still running. "
                        + "Retry in a moment to get its answer."));
    }

    private void keep(KeyedRequest keyed, OffsetDateTime claimedAt, RecordedAnswer answer) {
        try {
            requests.complete(keyed, claimedAt, answer);
        } catch (DataAccessException e) {
            log.warn("Could not keep the answer to Idempotency-Key {}; a retry will be refused as in progress "
                    + "until the claim lapses, then run again", keyed.key(), e);
        }
    }

    private void forget(KeyedRequest keyed, OffsetDateTime claimedAt) {
        try {
            requests.release(keyed, claimedAt);
        } catch (DataAccessException e) {
            log.warn("Could not give up Idempotency-Key {}; a retry will be refused as in progress until the "
                    + "claim lapses", keyed.key(), e);
        }
    }

    private Map<String, String> headersToKeep(CapturedResponse captured) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (captured.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, captured.getContentType());
        }
        for (String name : KEPT_HEADERS) {
            String value = captured.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller) : Optional.empty();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? path(request) : path(request) + "?" + query;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
