package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Someone is about to download one of a doctor's credential documents: only the doctor and admins may. */
public record RecordCredentialDownload(@TargetAggregateIdentifier UUID doctorId, UUID documentId,
                                       Actor requestedBy) {
}
