package com.careslot.platform.ratelimit;

import org.springframework.scheduling.annotation.Scheduled;

import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/** Deletes the buckets nobody has used since they filled up again, a batch at a time, on every node. */
class ExpiredBuckets {

    private static final int BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    ExpiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        this.buckets = buckets;
    }

    @Scheduled(fixedDelayString = "${careslot.rate-limits.cleanup-interval:PT10M}",
            initialDelayString = "${careslot.rate-limits.cleanup-interval:PT10M}")
    void removeExpired() {
        while (buckets.removeExpired(BATCH) == BATCH) {
            // another batch is due
        }
    }
}
