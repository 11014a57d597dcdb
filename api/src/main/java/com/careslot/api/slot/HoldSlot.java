package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Holds a free slot for a patient for a short time (while they pay, say): nobody else can hold or book it until the
 * patient books it, lets it go or the hold expires. The hold id is chosen by the caller; the expiry is
 * {@code requestedAt} plus the clinic's hold duration. A patient who already holds the slot gets that hold back.
 */
public record HoldSlot(@TargetAggregateIdentifier UUID slotId, UUID holdId, UUID patientId, Instant requestedAt) {
}
