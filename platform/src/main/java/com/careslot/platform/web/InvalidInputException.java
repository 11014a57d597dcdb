package com.careslot.platform.web;

/** Input the request shape allows but a rule of the endpoint refuses: a 400 naming the field, on every service. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
