package com.careslot.command;

import java.time.Duration;

/** An attempt refused because of earlier ones (sign-in guessing, code guessing, resends): a 429. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
