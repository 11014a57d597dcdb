package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.api.slot.SlotStatus;
import com.careslot.command.Rejection;

/** Only a free slot can be booked. */
public class SlotNotFreeException extends Rejection {

    private final transient UUID slotId;
    private final transient SlotStatus status;

    public SlotNotFreeException(UUID slotId, SlotStatus status) {
        super("slot-not-free", CommandRejection.Kind.CONFLICT, null,
                "Slot " + slotId + " is " + status + ", not FREE.");
        this.slotId = slotId;
        this.status = status;
    }

    UUID slotId() {
        return slotId;
    }

    SlotStatus status() {
        return status;
    }
}
