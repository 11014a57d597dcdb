package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Only a held slot has a hold to let go. */
public class NoActiveHoldException extends Rejection {

    public NoActiveHoldException(UUID slotId) {
        super("no-active-hold", CommandRejection.Kind.CONFLICT, null, "Slot " + slotId + " is not held.");
    }
}
