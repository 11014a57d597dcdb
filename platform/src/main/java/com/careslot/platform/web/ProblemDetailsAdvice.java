package com.careslot.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.careslot.platform.database.DatabaseOutage;
import com.careslot.platform.security.SecurityProblems;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * The problem+json answers every service shares: invalid input names its fields (400), Spring MVC's own errors keep
 * their status, and anything unexpected is a 500 that says nothing about the server. Each service adds its own
 * domain problems in an advice with a higher precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error ->
                errors.add(new Problems.FieldError(error.getField(), error.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new Problems.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return badRequest(errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    errors.add(new Problems.FieldError(name, error.getDefaultMessage())));
        }
        return badRequest(errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof BodySizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).headers(headers)
                        .body(BodySizeFilter.tooLarge(tooLarge.limit()));
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return badRequest(List.of(new Problems.FieldError(field, describe(mapping))), headers);
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The request body is missing or is not valid JSON.");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        return badRequest(List.of(new Problems.FieldError(ex.getParameterName(), "is required")), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return badRequest(List.of(new Problems.FieldError(field, "must be a valid " + expected)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return badRequest(List.of(new Problems.FieldError(ex.getRequestPartName(), "is required")), headers);
    }

    /**
     * A multipart request larger than {@code spring.servlet.multipart.max-request-size} (or a part larger than
     * {@code max-file-size}): refused by its declared length before it is read; the connection then closes.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request too large",
                        "This upload is larger than the server accepts"
                                + (ex.getMaxUploadSize() > 0 ? " (" + ex.getMaxUploadSize() + " bytes)." : ".")));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException ex) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .body(SecurityProblems.unauthorized("unauthenticated", "Sign in: this needs a valid access token."));
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(SecurityProblems.forbidden("Your role or account may not do this."));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException ex) {
        return badRequest(List.of(new Problems.FieldError(ex.field(), ex.getMessage())), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (DatabaseOutage.causes(ex)) {
            log.warn("Database unreachable, answered 503: {}", ex.toString());
            return Problems.databaseUnavailable();
        }
        log.error("Unexpected failure", ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request could not be completed. It has been logged.");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && "about:blank".equals(problem.getType().toString())) {
            problem.setType(java.net.URI.create(Problems.TYPE_PREFIX + "http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> badRequest(List<Problems.FieldError> errors, @Nullable HttpHeaders headers) {
        String fields = errors.stream().map(Problems.FieldError::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = Problems.invalid("Invalid value for: " + fields, errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    private static String describe(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException format) {
            return "must be a valid " + format.getTargetType().getSimpleName();
        }
        if (mapping instanceof MismatchedInputException input && input.getTargetType() != null) {
            return "must be a valid " + input.getTargetType().getSimpleName();
        }
        return "is not valid";
    }
}
