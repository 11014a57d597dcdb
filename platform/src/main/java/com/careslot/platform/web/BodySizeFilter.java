package com.careslot.platform.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Request bodies are small JSON documents; larger ones ({@code careslot.web.max-body-size}, default 1MB, as the
 * gateway's limit) are refused with 413 before they are read into memory — by their declared length, or, when they
 * come chunked, as soon as more arrives than the limit. Multipart uploads are left to the servlet container's
 * multipart limits ({@code spring.servlet.multipart.max-file-size} and {@code max-request-size}), which refuse them
 * by their declared length before reading, and spool the parts they accept to disk.
 */
class BodySizeFilter extends OncePerRequestFilter {

    private final long limit;
    private final ObjectMapper json;

    BodySizeFilter(long limit, ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(response);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!tooLarge(failure) || response.isCommitted()) {
                throw failure;
            }
            response.reset();
            refuse(response);
        }
    }

    /** A filter that reads the body itself (idempotency) meets the limit outside Spring MVC's error handling. */
    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unread rest of the body is not swallowed (Tomcat gives up past 2 MB and drops the connection), so the answer
     * says the connection ends: a client must not send its next request on it.
     */
    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), tooLarge());
    }

    private ProblemDetail tooLarge() {
        return tooLarge(limit);
    }

    static ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request too large",
                "Request bodies are limited to " + limit + " bytes.");
    }

    /** Thrown while reading a body that outgrows the limit; answered 413 by {@link ProblemDetailsAdvice}. */
    static class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("Request bodies are limited to " + limit + " bytes.");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
