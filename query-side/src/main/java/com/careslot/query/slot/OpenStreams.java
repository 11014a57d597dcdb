package com.careslot.query.slot;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import com.careslot.platform.web.Problems;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many live streams this node keeps open: at most {@code careslot.slots.stream-max-per-address} (default 20) for
 * one client address, {@code stream-max-per-account} (default 5) for one signed-in account and
 * {@code stream-max-total} (default 2000) in all; one more is refused 429 before anything is subscribed. A stream
 * counts until it ends: by its lifetime, its idle timeout, or the first write after its client went away (Tomcat
 * notices a closed connection of a streamed answer only when writing to it, so within a heartbeat). The gauge
 * {@value #GAUGE} shows how many are open.
 */
@Component
class OpenStreams {

    static final String GAUGE = "careslot.slots.streams.open";

    private final int perAddress;
    private final int perAccount;
    private final int total;
    private final ConcurrentHashMap<String, Integer> byOwner = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    OpenStreams(@Value("${careslot.slots.stream-max-per-address:20}") int perAddress,
                @Value("${careslot.slots.stream-max-per-account:5}") int perAccount,
                @Value("${careslot.slots.stream-max-total:2000}") int total,
                ObjectProvider<MeterRegistry> meters) {
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.total = total;
        meters.ifAvailable(registry -> Gauge.builder(GAUGE, open, AtomicInteger::get)
                .description("Live slot streams open on this node").register(registry));
    }

    /** Counts a new stream in, or refuses it; the answer closes it again (once, however often it is called). */
    Runnable open(String address, UUID account) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            throw new TooManyStreamsException("The service has as many live streams open as it allows.");
        }
        String addressKey = "address:" + address;
        if (!enter(addressKey, perAddress)) {
            open.decrementAndGet();
            throw new TooManyStreamsException("This address has " + perAddress + " live streams open already.");
        }
        String accountKey = account == null ? null : "account:" + account;
        if (accountKey != null && !enter(accountKey, perAccount)) {
            leave(addressKey);
            open.decrementAndGet();
            throw new TooManyStreamsException("This account has " + perAccount + " live streams open already.");
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                leave(addressKey);
                if (accountKey != null) {
                    leave(accountKey);
                }
                open.decrementAndGet();
            }
        };
    }

    private boolean enter(String owner, int limit) {
        AtomicBoolean entered = new AtomicBoolean();
        byOwner.compute(owner, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            entered.set(true);
            return now + 1;
        });
        return entered.get();
    }

    private void leave(String owner) {
        byOwner.computeIfPresent(owner, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** 429 too-many-streams, with the time after which trying again makes sense. */
    static class TooManyStreamsException extends ErrorResponseException {

        private static final int RETRY_AFTER_SECONDS = 30;

        TooManyStreamsException(String detail) {
            super(HttpStatus.TOO_MANY_REQUESTS, problem(detail), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }

        private static org.springframework.http.ProblemDetail problem(String detail) {
            var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many live streams",
                    detail + " Close one, or try again later.");
            problem.setInstance(URI.create("/api/slots/stream"));
            return problem;
        }
    }
}
