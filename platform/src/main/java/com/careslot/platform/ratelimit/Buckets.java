package com.careslot.platform.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

/**
 * This node's handles on the shared buckets in PostgreSQL, one per bucket, kept while the bucket is in use. A bucket of
 * at least {@link #LOCAL_SHARE_DIVISOR} tokens is consumed through Bucket4j's delaying optimization: up to a
 * twentieth of its capacity is taken from a local copy of the bucket before the consumption is written to the shared
 * row, and at least every {@link #SYNC_INTERVAL} the copy is brought up to date. Requests under one bucket — every
 * write of a clinic's front desk behind one address — no longer take turns on its row, a transaction each (the
 * benchmark's 1,000 racers from one address spent most of their time there). A local refusal is always right (the
 * shared row can only hold fewer tokens than this node's copy); across {@code n} nodes a bucket can let through at
 * most {@code n} × a twentieth of its capacity more than its limit. Smaller buckets (the sign-in limits, any limit
 * below 20) are counted in the row at every request, exactly, on every node.
 * <p>
 * A handle's first use goes through the row directly, which creates it, and the handle's other requests wait for it:
 * Bucket4j 8.14.0's optimizations batch concurrent requests, and a batch that meets a bucket not stored yet fails
 * ({@code BucketNotFoundException}) instead of creating it. A handle is dropped after {@link #IDLE} without use; its
 * row was written at most {@link #SYNC_INTERVAL} before that use and lives at least a minute after a write before
 * {@link ExpiredBuckets} may delete it, so the clean-up never deletes a row under a handle. A row deleted all the same
 * (by hand) is created again: by Bucket4j for a request that reaches it alone, through a new handle for a batch that
 * failed on it.
 */
final class Buckets {

    static final long LOCAL_SHARE_DIVISOR = 20;
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    static final Duration IDLE = Duration.ofSeconds(30);

    private final ProxyManager<String> store;
    private final Cache<String, Handle> handles = Caffeine.newBuilder()
            .expireAfterAccess(IDLE)
            .maximumSize(100_000)
            .build();

    Buckets(ProxyManager<String> store) {
        this.store = store;
    }

    /** Takes one token from the bucket {@code key} with the given limit, creating it full if it is not stored. */
    ConsumptionProbe tryConsume(String key, long capacity, Duration period) {
        Handle handle = handles.get(key, k -> new Handle(k, capacity, period));
        try {
            return handle.tryConsume();
        } catch (RuntimeException e) {
            if (!isMissingRow(e)) {
                throw e;
            }
            handles.asMap().remove(key, handle);
            return handles.get(key, k -> new Handle(k, capacity, period)).tryConsume();
        }
    }

    /** Bucket4j's batch helper wraps the {@link BucketNotFoundException} of a batch that met no row. */
    private static boolean isMissingRow(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private final class Handle {

        private final BucketProxy direct;
        private final BucketProxy shared;
        private volatile boolean stored;

        Handle(String key, long capacity, Duration period) {
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(capacity, period))
                    .build();
            this.direct = store.builder().build(key, () -> configuration);
            long localShare = capacity / LOCAL_SHARE_DIVISOR;
            this.shared = localShare == 0 ? direct : store.builder()
                    .withOptimization(Optimizations.delaying(new DelayParameters(localShare, SYNC_INTERVAL)))
                    .build(key, () -> configuration);
        }

        /**
         * The first request through the handle waits for the row alone: every later one, local or not, starts from a
         * copy of the row that already counts it (a copy taken beside a first request still in flight would not).
         */
        ConsumptionProbe tryConsume() {
            if (!stored) {
                synchronized (this) {
                    if (!stored) {
                        ConsumptionProbe probe = direct.tryConsumeAndReturnRemaining(1);
                        stored = true;
                        return probe;
                    }
                }
            }
            return shared.tryConsumeAndReturnRemaining(1);
        }
    }
}
