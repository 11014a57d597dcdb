package com.careslot.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A query parameter holding a NUL character is refused before it reaches a query: 400 naming the parameter. */
class QueryTextFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    QueryTextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || !(query.contains("%00") || query.indexOf('\u0000') >= 0);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean nul = parameter.getKey().indexOf('\u0000') >= 0;
            for (String value : parameter.getValue()) {
                nul |= value.indexOf('\u0000') >= 0;
            }
            if (nul) {
                String field = parameter.getKey().replace('\u0000', '?');
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.invalid("Invalid value for: " + field,
                        List.of(new Problems.FieldError(field, "must not contain NUL characters"))));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
