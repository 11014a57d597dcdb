package com.careslot.command.doctor;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A rejected application is closed: its profile no longer changes. */
public class DoctorRejectedException extends Rejection {

    public DoctorRejectedException(UUID doctorId) {
        super("doctor-rejected", CommandRejection.Kind.CONFLICT, null,
                "Doctor " + doctorId + " was rejected; the profile can no longer change.");
    }
}
