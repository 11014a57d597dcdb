package com.careslot.api.doctor;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.careslot.api.account.Actor;

/** Replaces a doctor's profile photo with stored variants; the doctor or an admin. */
public record ChangeProfilePhoto(@TargetAggregateIdentifier UUID doctorId, ProfilePhoto photo, Actor requestedBy) {
}
