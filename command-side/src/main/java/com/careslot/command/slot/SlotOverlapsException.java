package com.careslot.command.slot;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A doctor's open slots never overlap (invariant 2): the new one collides with {@code conflictingSlotId}. */
public class SlotOverlapsException extends Rejection {

    private final UUID conflictingSlotId;

    public SlotOverlapsException(Instant start, Instant end, UUID conflictingSlotId) {
        super("slot-overlaps", CommandRejection.Kind.CONFLICT, null,
                "The slot [" + start + ", " + end + ") overlaps slot " + conflictingSlotId + " of this doctor.");
        this.conflictingSlotId = conflictingSlotId;
    }

    public UUID conflictingSlotId() {
        return conflictingSlotId;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("conflictingSlotId", conflictingSlotId);
    }
}
