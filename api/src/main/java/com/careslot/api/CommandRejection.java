package com.careslot.api;

/**
 * Why a command was refused, as it crosses the command bus (the details of a {@code CommandExecutionException}).
 * {@code code} is stable and machine-readable; {@code field} names the offending input, when there is one.
 */
public record CommandRejection(String code, Kind kind, String field, String message) {

    public enum Kind {
        /** The command's values break a rule of their own (end before start): a 400. */
        INVALID,
        /** The caller could not be authenticated (wrong password, bad refresh token): a 401. */
        UNAUTHENTICATED,
        /** The caller may not do this to this target (not their slot): a 403. */
        FORBIDDEN,
        /** The target does not exist: a 404. */
        NOT_FOUND,
        /** The target's current state refuses the command (slot taken): a 409. */
        CONFLICT,
        /** Valid input that a policy refuses (too late to cancel): a 422. */
        REFUSED
    }
}
