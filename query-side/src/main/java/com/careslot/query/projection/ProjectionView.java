package com.careslot.query.projection;

/**
 * One read-model processor: the event position its slowest segment has committed here ({@code null} when this node
 * runs none of its segments), how many events it is behind the store's head, and whether it is replaying.
 */
record ProjectionView(String name, Long position, Long behind, boolean replaying, int segments) {
}
