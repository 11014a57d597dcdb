package com.careslot.platform.ratelimit;

import java.time.Duration;

/**
 * The limits of one endpoint group: at most {@code perAccount} requests of one signed-in account and at most
 * {@code perAddress} of one client address within {@code period}, refilled evenly over it; 0 means no limit.
 */
public record RateLimit(String group, long perAccount, long perAddress, Duration period) {

    public RateLimit {
        if (perAccount < 0 || perAddress < 0 || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("careslot.rate-limits." + group
                    + ": limits must not be negative and the period must be positive");
        }
    }
}
