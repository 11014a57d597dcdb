package com.careslot.platform.web;

/** A read of something that does not exist: a 404 with the same problem type on every service. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
