package com.careslot.command.doctor;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

public class UnknownDocumentException extends Rejection {

    public UnknownDocumentException(UUID doctorId, UUID documentId) {
        super("not-found", CommandRejection.Kind.NOT_FOUND, null,
                "Doctor " + doctorId + " has no document " + documentId + ".");
    }
}
