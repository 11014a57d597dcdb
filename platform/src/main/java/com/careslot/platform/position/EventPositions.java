package com.careslot.platform.position;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;

/** The global position of the event stream: the index of the last committed event in the shared event store. */
public class EventPositions {

    private final JdbcTemplate jdbc;
    private final AtomicLong highestSeen = new AtomicLong();

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The highest committed global index, 0 for an empty store. Read after a write's transaction committed, it is at
     * least the position of that write's last event; a reader waiting for it therefore sees the write.
     */
    public long head() {
        Long head = jdbc.queryForObject("select max(global_index) from event_store.domain_event_entry", Long.class);
        return highestSeen.accumulateAndGet(head == null ? 0 : head, Math::max);
    }

    /**
     * Whether no event has been committed at that position yet: a position no write can have answered with. A
     * position at or below the highest one this process has seen costs no query.
     */
    public boolean isBeyondHead(long position) {
        return position > highestSeen.get() && position > head();
    }
}
