package com.careslot.command.slot;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.api.slot.SlotStatus;
import com.careslot.command.Rejection;

/** The slot's status does not allow the change (blocking a booked slot, removing a booked one…). */
public class SlotStateException extends Rejection {

    public SlotStateException(String code, UUID slotId, SlotStatus status, String verb) {
        super(code, CommandRejection.Kind.CONFLICT, null, "Slot " + slotId + " is " + status + " and cannot be "
                + verb + ".");
    }
}
