package com.careslot.api.slot;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Takes a free or blocked slot out of the calendar for good; its doctor or an admin. */
public record RemoveSlot(@TargetAggregateIdentifier UUID slotId, Actor requestedBy) {
}
