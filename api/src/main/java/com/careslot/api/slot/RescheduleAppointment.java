package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.account.Actor;

/**
 * Moves the booking of {@code fromSlotId} to the free {@code toSlotId}, keeping its appointment id: both slots
 * change in one transaction, or neither does. The booking's patient (before the cancellation cutoff) or an admin.
 */
public record RescheduleAppointment(UUID fromSlotId, UUID toSlotId, Actor requestedBy, Instant requestedAt) {
}
