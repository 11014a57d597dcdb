package com.careslot.command.doctor;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A doctor command whose own values break a rule: no email, an unknown time zone, a negative fee… */
public class InvalidDoctorException extends Rejection {

    public InvalidDoctorException(String field, String message) {
        super("invalid-doctor", CommandRejection.Kind.INVALID, field, message);
    }
}
