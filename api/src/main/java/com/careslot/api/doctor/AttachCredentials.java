package com.careslot.api.doctor;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Attaches stored credential documents to a doctor's application or profile; the doctor or an admin. */
public record AttachCredentials(@TargetAggregateIdentifier UUID doctorId, List<CredentialDocument> documents,
                                Actor requestedBy) {
}
