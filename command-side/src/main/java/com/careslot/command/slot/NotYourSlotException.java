package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Only the slot's doctor or an admin may manage a slot. */
public class NotYourSlotException extends Rejection {

    public NotYourSlotException(UUID slotId) {
        super("not-your-slot", CommandRejection.Kind.FORBIDDEN, null, "Slot " + slotId + " is not yours to manage.");
    }
}
