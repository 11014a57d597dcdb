package com.careslot.platform.eventstore;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.careslot.api.slot.SlotHeld;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link SlotHeld} before revision 2 did not record its expiry deadline's schedule id: such events read with
 * {@code expiryScheduleId: null}, said here rather than left to a missing field.
 */
final class SlotHeldRevision2 extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(SlotHeld.class.getName(), null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(SlotHeld.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).putNull("expiryScheduleId");
            return payload;
        });
    }
}
