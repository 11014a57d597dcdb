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

/**
 * A query parameter holding a control character (NUL, escape, …) or a bidirectional override is refused before it
 * reaches a query, as text in a body is ({@link PrintableText}): 400 naming the parameter. Only a query with an escape
 * ({@code %}) can carry one, so the others pass unread.
 */
class QueryTextFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    QueryTextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || (query.indexOf('%') < 0 && PrintableText.isPrintable(query));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean hostile = !PrintableText.isPrintable(parameter.getKey());
            for (String value : parameter.getValue()) {
                hostile |= !PrintableText.isPrintable(value);
            }
            if (hostile) {
                String field = parameter.getKey().codePoints()
                        .map(c -> PrintableText.isPrintable(Character.toString(c)) ? c : '?')
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.invalid("Invalid value for: " + field,
                        List.of(new Problems.FieldError(field, "must not contain control characters"))));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
