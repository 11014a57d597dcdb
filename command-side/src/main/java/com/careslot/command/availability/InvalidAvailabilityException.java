package com.careslot.command.availability;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** An availability rule whose own values break a rule: an unreadable RRULE, a window that holds no slot… */
public class InvalidAvailabilityException extends Rejection {

    public InvalidAvailabilityException(String field, String message) {
        super("invalid-availability", CommandRejection.Kind.INVALID, field, message);
    }
}
