package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * A patient holds a free slot until {@code expiresAt}. Revision 2 added {@code expiryScheduleId}, the id of the
 * hold's expiry deadline, so that booking or releasing the hold cancels that one deadline by its id; holds stored
 * before it have none (the upcaster {@code SlotHeldRevision2} says so explicitly), and their deadline, when it
 * fires, finds the hold gone and does nothing.
 */
@Revision("2")
public record SlotHeld(UUID slotId, UUID doctorId, UUID holdId, UUID patientId, Instant start, Instant end,
                       Instant expiresAt, String expiryScheduleId) {

    /** A hold whose expiry deadline is not known (revision 1). */
    public SlotHeld(UUID slotId, UUID doctorId, UUID holdId, UUID patientId, Instant start, Instant end,
                    Instant expiresAt) {
        this(slotId, doctorId, holdId, patientId, start, end, expiresAt, null);
    }
}
