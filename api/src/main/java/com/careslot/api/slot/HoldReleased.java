package com.careslot.api.slot;

import java.util.UUID;

/** The holding patient let the hold go before it expired; the slot is free again. */
public record HoldReleased(UUID slotId, UUID holdId, UUID patientId) {
}
