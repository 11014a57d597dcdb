package com.careslot.command.doctor;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Only the doctor and admins attach documents and photos to a profile, or read its credentials. */
public class NotYourProfileException extends Rejection {

    public NotYourProfileException(UUID doctorId) {
        super("not-your-profile", CommandRejection.Kind.FORBIDDEN, null,
                "Only doctor " + doctorId + " and admins may do this.");
    }
}
