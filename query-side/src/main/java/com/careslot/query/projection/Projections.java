package com.careslot.query.projection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;

import com.careslot.platform.position.EventPositions;
import com.careslot.platform.position.ProjectionProgress;

/**
 * The query side's read-model processors — the processing groups of the event handlers in this module, nothing of
 * another service that may share the process — and their replay: stop, reset the tokens (each projection's
 * {@code @ResetHandler} clears its tables in the same transaction), start again from the first event.
 */
@Component
class Projections {

    private static final String MODULE = "com.careslot.query.";

    private final ApplicationContext context;
    private final Configuration axon;
    private final ProjectionProgress progress;
    private final EventPositions positions;
    private volatile Set<String> names;

    Projections(ApplicationContext context, Configuration axon, ProjectionProgress progress,
                EventPositions positions) {
        this.context = context;
        this.axon = axon;
        this.progress = progress;
        this.positions = positions;
    }

    List<ProjectionView> all() {
        long head = positions.head();
        return names().stream().map(name -> view(name, head)).flatMap(Optional::stream).toList();
    }

    Optional<ProjectionView> find(String name) {
        return view(name, positions.head());
    }

    /** Replays the projection from the first event; false when it is not one of ours. */
    synchronized boolean replay(String name) {
        Optional<StreamingEventProcessor> found = processor(name);
        if (found.isEmpty()) {
            return false;
        }
        StreamingEventProcessor processor = found.get();
        try {
            processor.shutdownAsync().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            processor.resetTokens();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProjectionBusyException(name, interrupted);
        } catch (Exception claimedElsewhere) {
            throw new ProjectionBusyException(name, claimedElsewhere);
        } finally {
            processor.start();
        }
        return true;
    }

    private Optional<ProjectionView> view(String name, long head) {
        return processor(name).map(processor -> {
            OptionalLong at = progress.position(processor);
            return new ProjectionView(name, at.isPresent() ? at.getAsLong() : null,
                    progress.reached(List.of(name), head), processor.isReplaying(),
                    processor.processingStatus().size());
        });
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        if (!names().contains(name)) {
            return Optional.empty();
        }
        return axon.eventProcessingConfiguration().eventProcessor(name, StreamingEventProcessor.class);
    }

    private Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            known = new TreeSet<>();
            for (Object handler : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = AopUtils.getTargetClass(handler);
                ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
                if (group != null && type.getName().startsWith(MODULE)) {
                    known.add(group.value());
                }
            }
            names = Set.copyOf(known);
        }
        return known;
    }
}
