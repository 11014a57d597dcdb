package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** An admin's notes on a doctor's credential documents, one per document at most; admins only. */
public record NoteCredentials(@TargetAggregateIdentifier UUID doctorId, List<CredentialNote> notes, Actor requestedBy) {
}
