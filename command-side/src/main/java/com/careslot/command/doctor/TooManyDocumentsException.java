package com.careslot.command.doctor;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A doctor has at most {@code careslot.uploads.max-documents} credential documents. */
public class TooManyDocumentsException extends Rejection {

    public TooManyDocumentsException(int limit, int attached) {
        super("too-many-documents", CommandRejection.Kind.REFUSED, "documents",
                "At most " + limit + " credential documents per doctor; " + attached + " are attached already.");
    }
}
