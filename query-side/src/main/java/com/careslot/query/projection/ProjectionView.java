package com.careslot.query.projection;

/**
 * One read-model processor: the event position its slowest segment has committed ({@code null} unless this node runs
 * all its segments), whether it has caught up with the event store, whether it is replaying, and how many segments
 * this node runs.
 */
record ProjectionView(String name, Long position, boolean caughtUp, boolean replaying, int segments) {
}
