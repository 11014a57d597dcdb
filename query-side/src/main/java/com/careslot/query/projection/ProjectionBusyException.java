package com.careslot.query.projection;

/** A replay could not reset the projection's tokens: another node still holds some of its segments. */
class ProjectionBusyException extends RuntimeException {

    ProjectionBusyException(String name, Throwable cause) {
        super("The projection " + name + " could not be reset: another query-side node holds some of its segments. "
                + "Stop the other query-side nodes, or wait until their claims expire, and try again.", cause);
    }
}
