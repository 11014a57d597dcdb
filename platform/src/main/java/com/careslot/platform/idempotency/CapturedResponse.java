package com.careslot.platform.idempotency;

import java.io.IOException;

import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer held back until it is recorded. An answer made with {@code sendError} gets its body later, from the
 * container's error page, so it cannot be recorded here and is marked as such.
 */
class CapturedResponse extends ContentCachingResponseWrapper {

    private boolean bodyElsewhere;

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
        bodyElsewhere = true;
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        bodyElsewhere = true;
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        bodyElsewhere = true;
        super.sendRedirect(location);
    }

    boolean bodyElsewhere() {
        return bodyElsewhere;
    }
}
