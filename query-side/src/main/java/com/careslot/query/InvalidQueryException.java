package com.careslot.query;

/** A read whose parameters are well-formed but do not make sense together (from after to, a window too wide). */
public class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
