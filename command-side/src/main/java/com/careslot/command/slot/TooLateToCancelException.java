package com.careslot.command.slot;

import java.time.Duration;
import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A patient may not cancel within the cutoff before the start (the clinic's policy, default 2 hours). */
public class TooLateToCancelException extends Rejection {

    public TooLateToCancelException(UUID slotId, Duration cutoff) {
        super("too-late-to-cancel", CommandRejection.Kind.REFUSED, null,
                "Appointments can be cancelled up to " + cutoff.toMinutes() + " minutes before they start; call the "
                        + "clinic to cancel the one in slot " + slotId + ".");
    }
}
