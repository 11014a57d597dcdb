package com.careslot.api.slot;

import java.util.UUID;

/** A hold reached its expiry without being booked; the slot is free again. */
public record HoldExpired(UUID slotId, UUID holdId, UUID patientId) {
}
