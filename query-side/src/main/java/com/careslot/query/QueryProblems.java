package com.careslot.query;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.careslot.platform.web.Problems;

/** The query side's own problems: parameters that are invalid together answer 400 naming the field. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblems {

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidQueryException ex) {
        return ResponseEntity.badRequest().body(Problems.invalid("Invalid value for: " + ex.field(),
                List.of(new Problems.FieldError(ex.field(), ex.getMessage()))));
    }
}
