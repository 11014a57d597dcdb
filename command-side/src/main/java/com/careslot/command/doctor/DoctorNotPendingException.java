package com.careslot.command.doctor;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.api.doctor.DoctorStatus;
import com.careslot.command.Rejection;

/** Only a pending application can be approved or rejected, and only once. */
public class DoctorNotPendingException extends Rejection {

    public DoctorNotPendingException(UUID doctorId, DoctorStatus status) {
        super("doctor-not-pending", CommandRejection.Kind.CONFLICT, null,
                "Doctor " + doctorId + " is " + status + ", not PENDING.");
    }
}
