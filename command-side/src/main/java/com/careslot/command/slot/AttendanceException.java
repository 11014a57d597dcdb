package com.careslot.command.slot;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** Attendance is recorded once, in order, and not before its time. */
public class AttendanceException extends Rejection {

    public AttendanceException(String code, CommandRejection.Kind kind, String message) {
        super(code, kind, null, message);
    }
}
