package com.careslot.platform.eventstore;

import java.util.Set;

/**
 * Processing groups that write only read models: tables derived from the event store alone, written in the same
 * transaction as the group's token, so a rebuild from the first event gives them back. A module declares its own as a
 * bean; their transactions commit asynchronously ({@link AsynchronousCommit}).
 */
public record ReadModelGroups(Set<String> names) {

    public ReadModelGroups(String... names) {
        this(Set.of(names));
    }
}
