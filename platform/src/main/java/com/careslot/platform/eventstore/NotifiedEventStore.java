package com.careslot.platform.eventstore;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which can be told that another process committed events. Its producer thread fetches
 * new events when this process commits some, and otherwise only every fetch delay; {@link #eventsCommitted()} makes
 * it fetch at once, as a local commit does ({@link NewEventNotices} calls it on PostgreSQL's notice).
 */
public final class NotifiedEventStore extends EmbeddedEventStore {

    NotifiedEventStore(Builder builder) {
        super(builder);
    }

    /** Events were committed elsewhere: the producer fetches now if it is waiting. */
    public void eventsCommitted() {
        afterCommit(List.of());
    }
}
