package com.careslot.command.doctor;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.careslot.platform.web.Problems;

/** Refused uploads as RFC 9457 problems naming the form field and the file. */
@RestControllerAdvice(basePackageClasses = UploadProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {

    @ExceptionHandler(UploadException.class)
    ProblemDetail refused(UploadException exception) {
        String words = exception.code().replace('-', ' ');
        ProblemDetail problem = Problems.of(exception.status(), exception.code(),
                Character.toUpperCase(words.charAt(0)) + words.substring(1), exception.getMessage());
        problem.setProperty("errors", List.of(new Problems.FieldError(exception.field(), exception.getMessage())));
        problem.setProperty("file", exception.fileName());
        return problem;
    }
}
