package com.careslot.command;

import java.util.List;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.careslot.api.CommandRejection;
import com.careslot.command.payment.PaymentUnavailableException;
import com.careslot.platform.web.Problems;

/** Maps refused commands to problems by their rejection code, never by message text. */
@RestControllerAdvice(basePackageClasses = CommandSideApplication.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblems {

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail refused(CommandExecutionException exception) throws CommandExecutionException {
        CommandRejection rejection = exception.<CommandRejection>getDetails()
                .orElseThrow(() -> exception);
        return toProblem(rejection);
    }

    /** A rejection thrown as it is: by a handler outside the interceptor chain, such as a commit-time check. */
    @ExceptionHandler(Rejection.class)
    ProblemDetail refused(Rejection rejection) {
        ProblemDetail problem = toProblem(rejection.details());
        rejection.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> throttled(TooManyAttemptsException exception) {
        long seconds = Math.max(1, exception.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts",
                        exception.getMessage() + " Try again in " + seconds + " seconds."));
    }

    @ExceptionHandler(PaymentUnavailableException.class)
    ResponseEntity<ProblemDetail> paymentUnavailable(PaymentUnavailableException exception) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(Problems.RETRY_AFTER_SECONDS))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "payment-unavailable", "Payment unavailable",
                        "The payment service cannot be reached; nothing was held or charged. Try again shortly."));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail conflict(RuntimeException exception) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Someone else changed this at the same moment. Read it again and retry.");
    }

    private static ProblemDetail toProblem(CommandRejection rejection) {
        return switch (rejection.kind()) {
            case INVALID -> Problems.invalid("Invalid value for: " + rejection.field(),
                    List.of(new Problems.FieldError(rejection.field(), rejection.message())));
            case UNAUTHENTICATED -> Problems.of(HttpStatus.UNAUTHORIZED, rejection.code(), "Unauthorized",
                    rejection.message());
            case FORBIDDEN -> Problems.of(HttpStatus.FORBIDDEN, rejection.code(), "Forbidden", rejection.message());
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", rejection.message());
            case CONFLICT -> Problems.of(HttpStatus.CONFLICT, rejection.code(), title(rejection.code()),
                    rejection.message());
            case REFUSED -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, rejection.code(), title(rejection.code()),
                    rejection.message());
        };
    }

    private static String title(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
