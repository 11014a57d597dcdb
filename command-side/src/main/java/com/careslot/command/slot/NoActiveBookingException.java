package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Cancel needs a booking to cancel. */
public class NoActiveBookingException extends Rejection {

    public NoActiveBookingException(UUID slotId) {
        super("no-active-booking", CommandRejection.Kind.CONFLICT, null, "Slot " + slotId + " has no active booking.");
    }
}
