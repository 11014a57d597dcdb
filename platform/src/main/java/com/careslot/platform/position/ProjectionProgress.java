package com.careslot.platform.position;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far this process's streaming event processors have come. A processor has reached a position when every segment
 * it runs here has committed its work up to it, or when nothing between its slowest segment and the position is an
 * event it handles (a processor skips the types it has no handler for without moving its segments).
 */
public class ProjectionProgress {

    /** A segment with mask m holds 1/(m+1) of the events: this much, of all of them. */
    private static final long WHOLE = 1L << 32;

    private final ObjectProvider<Configuration> axon;
    private final JdbcTemplate jdbc;

    public ProjectionProgress(ObjectProvider<Configuration> axon, JdbcTemplate jdbc) {
        this.axon = axon;
        this.jdbc = jdbc;
    }

    /** The names of the streaming processors this process runs, sorted. */
    public Set<String> processors() {
        Set<String> names = new TreeSet<>();
        eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }

    /** Whether each of the named processors (unknown names are ignored) has reached the position. */
    public boolean reached(Collection<String> processorNames, long position) {
        Map<String, EventProcessor> processors = eventProcessors();
        for (String name : processorNames) {
            if (processors.get(name) instanceof StreamingEventProcessor processor && !reached(processor, position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position the processor's slowest segment has committed, when this process runs all of its segments (while
     * a processor starts, it claims them one by one; a node of several runs only some).
     */
    public OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long covered = 0;
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            covered += WHOLE / (segment.getSegment().getMask() + 1L);
            slowest = Math.min(slowest, segment.getCurrentPosition().orElse(0));
        }
        return covered == WHOLE ? OptionalLong.of(slowest) : OptionalLong.empty();
    }

    /** Whether each of the named processors has committed its work up to the position: in memory, no query. */
    public boolean passed(Collection<String> processorNames, long position) {
        Map<String, EventProcessor> processors = eventProcessors();
        for (String name : processorNames) {
            if (processors.get(name) instanceof StreamingEventProcessor processor) {
                OptionalLong at = position(processor);
                if (at.isEmpty() || processor.isReplaying() || at.getAsLong() < position) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What each of the named processors (unknown names are ignored) must reach to have handled every event up to the
     * position: the last event there it has a handler for, or the position itself while its progress is unknown
     * (segments not all claimed here, or replaying). One query at most, for all of them; waiting then compares
     * {@link #reached(Map)} with the processors' progress in memory.
     */
    public Map<StreamingEventProcessor, Long> targets(Collection<String> processorNames, long position) {
        Map<String, EventProcessor> processors = eventProcessors();
        Map<StreamingEventProcessor, Long> targets = new HashMap<>();
        Map<StreamingEventProcessor, Long> behind = new HashMap<>();
        for (String name : processorNames) {
            if (processors.get(name) instanceof StreamingEventProcessor processor) {
                OptionalLong at = position(processor);
                if (at.isEmpty() || processor.isReplaying() || !(processor instanceof AbstractEventProcessor)) {
                    targets.put(processor, at.isPresent() && at.getAsLong() >= position ? at.getAsLong() : position);
                } else if (at.getAsLong() < position) {
                    behind.put(processor, at.getAsLong());
                }
            }
        }
        if (!behind.isEmpty()) {
            long after = behind.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            Map<Class<?>, Long> lastOfType = new HashMap<>();
            jdbc.query("""
                    select payload_type, max(global_index) from event_store.domain_event_entry
                    where global_index > ? and global_index <= ? group by payload_type""", row -> {
                try {
                    lastOfType.put(Class.forName(row.getString(1)), row.getLong(2));
                } catch (ClassNotFoundException unknownHere) {
                    // A type this process does not know is not one it handles.
                }
            }, after, position);
            behind.forEach((processor, at) -> {
                EventHandlerInvoker handlers = ((AbstractEventProcessor) processor).eventHandlerInvoker();
                targets.put(processor, lastOfType.entrySet().stream()
                        .filter(type -> handlers.canHandleType(type.getKey()))
                        .mapToLong(Map.Entry::getValue).max().orElse(at));
            });
        }
        return targets;
    }

    /** Whether every processor has reached its target ({@link #targets}): in memory, no query. */
    public boolean reached(Map<StreamingEventProcessor, Long> targets) {
        for (Map.Entry<StreamingEventProcessor, Long> target : targets.entrySet()) {
            OptionalLong at = position(target.getKey());
            if (at.isEmpty() || target.getKey().isReplaying() || at.getAsLong() < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private boolean reached(StreamingEventProcessor processor, long position) {
        OptionalLong at = position(processor);
        if (at.isEmpty() || processor.isReplaying()) {
            return false;
        }
        return at.getAsLong() >= position || nothingToHandle(processor, at.getAsLong(), position);
    }

    private boolean nothingToHandle(StreamingEventProcessor processor, long after, long upTo) {
        if (!(processor instanceof AbstractEventProcessor handlers)) {
            return false;
        }
        List<String> types = jdbc.queryForList("""
                select distinct payload_type from event_store.domain_event_entry
                where global_index > ? and global_index <= ?""", String.class, after, upTo);
        for (String type : types) {
            try {
                if (handlers.eventHandlerInvoker().canHandleType(Class.forName(type))) {
                    return false;
                }
            } catch (ClassNotFoundException unknownHere) {
                // A type this process does not know is not one it handles.
            }
        }
        return true;
    }

    private Map<String, EventProcessor> eventProcessors() {
        Configuration configuration = axon.getIfAvailable();
        return configuration == null ? Map.of() : configuration.eventProcessingConfiguration().eventProcessors();
    }
}
