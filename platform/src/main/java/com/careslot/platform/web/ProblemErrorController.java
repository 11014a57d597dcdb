package com.careslot.platform.web;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.database.DatabaseOutage;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised before a controller runs (no such path, a URL the firewall refuses, a failure in a filter) reach the
 * servlet container's error page; this answers them as problem+json like every other error, never with a stack
 * trace or an exception message.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    @PreAuthorize("permitAll()")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseOutage.causes(failure)) {
            return Problems.databaseUnavailable();
        }
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ProblemDetail problem = Problems.of(status, "http-" + status.value(), status.getReasonPhrase(),
                detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed: its URL, headers or body cannot be read.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
            case UNAUTHORIZED -> "Sign in: this needs a valid access token.";
            case FORBIDDEN -> "Your role or account may not do this.";
            default -> status.is5xxServerError() ? "The request could not be completed. It has been logged."
                    : "The request cannot be answered as sent.";
        };
    }
}
