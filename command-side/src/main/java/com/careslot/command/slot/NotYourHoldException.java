package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Only the patient who holds a slot may let the hold go. */
public class NotYourHoldException extends Rejection {

    public NotYourHoldException(UUID slotId) {
        super("not-your-hold", CommandRejection.Kind.FORBIDDEN, null,
                "The hold on slot " + slotId + " is not yours to release.");
    }
}
