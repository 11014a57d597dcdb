package com.careslot.platform.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.careslot.platform.security.Caller;
import com.careslot.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rate limits on every write and on the sign-in, sign-up, code and refresh endpoints ({@code POST /api/auth/**}):
 * one Bucket4j token bucket per account and one per client address for each endpoint group, kept in PostgreSQL so
 * every node counts against the same buckets. Within the limits a write answers with the {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers of its tightest bucket; beyond them it is refused
 * {@code 429 too-many-requests} with {@code Retry-After}, before anything is read or written.
 * <p>
 * The client address is the connection's, which Tomcat's {@code RemoteIpValve} replaces with the
 * {@code X-Forwarded-For} client only when the connection comes from a trusted proxy
 * ({@code server.forward-headers-strategy=native}, {@code server.tomcat.remoteip.internal-proxies}): a header forged
 * by anyone else changes nothing. A check of a small bucket is one short transaction on the bucket's row
 * ({@code select … for update}); a larger one is mostly counted on a local copy ({@link Buckets}).
 */
public class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String POLICY = "RateLimit-Policy";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Buckets buckets;
    private final RateLimit signIn;
    private final RateLimit writes;
    private final ObjectMapper json;

    public RateLimitFilter(ProxyManager<String> buckets, RateLimit signIn, RateLimit writes, ObjectMapper json) {
        this.buckets = new Buckets(buckets);
        this.signIn = signIn;
        this.writes = writes;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimit limit = request.getRequestURI().startsWith("/api/auth/") ? signIn : writes;
        Tightest tightest = new Tightest();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (limit.perAccount() > 0 && caller != null && caller.getPrincipal() instanceof Caller account) {
            if (!tightest.consume(limit, "account:" + account.accountId(), limit.perAccount())) {
                refuse(request, response, limit, tightest, "this account");
                return;
            }
        }
        if (limit.perAddress() > 0) {
            if (!tightest.consume(limit, "address:" + request.getRemoteAddr(), limit.perAddress())) {
                refuse(request, response, limit, tightest, "this address");
                return;
            }
        }
        if (tightest.probe != null) {
            response.setHeader(LIMIT, Long.toString(tightest.capacity));
            response.setHeader(REMAINING, Long.toString(tightest.probe.getRemainingTokens()));
            response.setHeader(RESET, Long.toString(seconds(tightest.probe.getNanosToWaitForReset())));
            response.setHeader(POLICY, tightest.capacity + ";w=" + limit.period().toSeconds());
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RateLimit limit, Tightest tightest,
                        String who) throws IOException {
        long retryAfter = Math.max(1, seconds(tightest.probe.getNanosToWaitForRefill()));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                "Too many requests from " + who + ": at most " + tightest.capacity + " per "
                        + Duration.ofSeconds(limit.period().toSeconds()).toString().substring(2).toLowerCase()
                        + ". Try again in " + retryAfter + " s.");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("retryAfterSeconds", retryAfter);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader(LIMIT, Long.toString(tightest.capacity));
        response.setHeader(REMAINING, "0");
        response.setHeader(RESET, Long.toString(retryAfter));
        response.setHeader(POLICY, tightest.capacity + ";w=" + limit.period().toSeconds());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** The bucket with the fewest tokens left of those consumed from, or the one that refused. */
    private final class Tightest {

        private ConsumptionProbe probe;
        private long capacity;

        boolean consume(RateLimit limit, String who, long capacity) {
            ConsumptionProbe consumed = buckets.tryConsume(limit.group() + ":" + who, capacity, limit.period());
            if (!consumed.isConsumed() || probe == null || consumed.getRemainingTokens() < probe.getRemainingTokens()) {
                this.probe = consumed;
                this.capacity = capacity;
            }
            return consumed.isConsumed();
        }
    }
}
