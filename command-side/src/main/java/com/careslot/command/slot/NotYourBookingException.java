package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Only the booking's patient, the slot's doctor or an admin may change a booking. */
public class NotYourBookingException extends Rejection {

    public NotYourBookingException(UUID slotId) {
        super("not-your-booking", CommandRejection.Kind.FORBIDDEN, null,
                "The booking of slot " + slotId + " is not yours to change.");
    }
}
