package com.careslot.command;

import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;

import com.careslot.api.CommandRejection;

/**
 * A command refused by a domain rule. Subclasses name the rule; the code is the stable identifier clients see in
 * the problem {@code type}.
 */
public abstract class Rejection extends RuntimeException {

    private final String code;
    private final CommandRejection.Kind kind;
    private final String field;

    protected Rejection(String code, CommandRejection.Kind kind, String field, String message) {
        super(message);
        this.code = code;
        this.kind = kind;
        this.field = field;
    }

    public CommandRejection details() {
        return new CommandRejection(code, kind, field, getMessage());
    }

    /** The refusal as a command's result: the only form in which it survives a distributed command bus. */
    public CommandExecutionException asCommandFailure() {
        return new CommandExecutionException(getMessage(), null, details());
    }

    /** Extra members of the problem that a client can act on (the id of a conflicting slot); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
