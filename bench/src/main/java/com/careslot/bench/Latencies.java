package com.careslot.bench;

import java.util.Arrays;

/** A set of measured durations in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs = other.sorted();
        for (long n : theirs) {
            add(n);
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return copy;
    }

    /** The p-th percentile (nearest rank) in milliseconds; NaN when nothing was measured. */
    double percentileMillis(double p) {
        long[] s = sorted();
        if (s.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        long[] s = sorted();
        return s.length == 0 ? Double.NaN : s[s.length - 1] / 1e6;
    }

    double meanMillis() {
        long[] s = sorted();
        return s.length == 0 ? Double.NaN : Arrays.stream(s).average().orElse(0) / 1e6;
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format("%.0f", millis) : millis >= 10 ? String.format("%.1f", millis)
                : String.format("%.2f", millis);
    }
}
