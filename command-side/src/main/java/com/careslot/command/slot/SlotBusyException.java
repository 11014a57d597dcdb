package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/**
 * Too many requests want this slot at this moment: this one was not let wait for its turn (the queue was full, or the
 * wait would have been longer than {@code careslot.commands.slot-turn-patience}). Nothing was decided; a 409.
 */
public class SlotBusyException extends Rejection {

    public SlotBusyException(UUID slotId) {
        super("slot-busy", CommandRejection.Kind.CONFLICT, null,
                "Slot " + (slotId == null ? "" : slotId + " ") + "is wanted by too many at this moment; it is most likely "
                        + "taken. Try again shortly.");
    }
}
