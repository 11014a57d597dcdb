package com.careslot.command.slot;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A slot command whose own values break a rule: an interval that ends before it starts, lies in the past… */
public class InvalidSlotException extends Rejection {

    public InvalidSlotException(String field, String message) {
        super("invalid-slot", CommandRejection.Kind.INVALID, field, message);
    }
}
