package com.careslot.command.slot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * A slot's state at an earlier instant, rebuilt the way Axon loads the aggregate for a command: its events, up to
 * the last one stored at or before that instant, applied in order to a fresh {@link Slot} by the aggregate's own
 * {@code @EventSourcingHandler}s. Nothing is published and nothing is stored; the slot's rules are never
 * consulted, so this can only ever agree with what the aggregate itself would have decided from.
 */
@Component
class SlotAsOf {

    private final EventStore eventStore;
    private final Configuration axon;
    private volatile AggregateModel<Slot> model;

    SlotAsOf(EventStore eventStore, Configuration axon) {
        this.eventStore = eventStore;
        this.axon = axon;
    }

    /** Empty when the slot had no event yet at {@code asOf}, or is no slot at all. */
    Optional<SlotAsOfView> at(UUID slotId, Instant asOf) {
        // From sequence 0, not from a snapshot: a snapshot would carry the state of a later instant.
        DomainEventStream stream = eventStore.readEvents(slotId.toString(), 0);
        List<DomainEventMessage<?>> history = new ArrayList<>();
        while (stream.hasNext() && !stream.peek().getTimestamp().isAfter(asOf)) {
            history.add(stream.next());
        }
        if (history.isEmpty() || !model().type().equals(history.get(0).getType())) {
            return Optional.empty();
        }
        EventSourcedAggregate<Slot> slot =
                EventSourcedAggregate.initialize(new Slot(), model(), null, NoSnapshotTriggerDefinition.TRIGGER);
        slot.initializeState(DomainEventStream.of(history));
        DomainEventMessage<?> last = history.get(history.size() - 1);
        return Optional.of(new SlotAsOfView(slot.invoke(Slot::state), asOf, slot.version(), last.getTimestamp()));
    }

    /** The model Axon's own repository uses: same handler definitions and parameter resolvers. */
    private AggregateModel<Slot> model() {
        if (model == null) {
            model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Slot.class, axon.parameterResolverFactory(),
                    axon.handlerDefinition(Slot.class));
        }
        return model;
    }
}
