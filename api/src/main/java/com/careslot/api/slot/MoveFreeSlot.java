package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/**
 * Moves a free slot to {@code [start, end)}: another time, another length, the same slot id. Its doctor or an admin;
 * a held or booked slot is not moved (a booking moves by rescheduling the appointment).
 */
public record MoveFreeSlot(@TargetAggregateIdentifier UUID slotId, Instant start, Instant end, Actor requestedBy,
                           Instant requestedAt) {
}
