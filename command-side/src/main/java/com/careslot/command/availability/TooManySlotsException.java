package com.careslot.command.availability;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** One request opens at most so many slots; a rule that would open more is refused whole. */
public class TooManySlotsException extends Rejection {

    public TooManySlotsException(int slots, int most) {
        super("too-many-slots", CommandRejection.Kind.REFUSED, null,
                "The rule would open " + slots + " slots at once; at most " + most + " may be opened in one request. "
                        + "Give a shorter window, fewer dates or longer slots.");
    }
}
