package com.careslot.platform.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.careslot.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 401 and 403 as problem+json, written by the security filters before any controller runs. */
public class SecurityProblems {

    private final ObjectMapper json;

    public SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    public static ProblemDetail unauthorized(String code, String detail) {
        return Problems.of(HttpStatus.UNAUTHORIZED, code, "Unauthorized", detail);
    }

    public static ProblemDetail forbidden(String detail) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, unauthorized(code, detail));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, forbidden("Your role or account may not do this."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
