package com.careslot.platform.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names who answered: {@code X-Careslot-Service} (the service, {@code spring.application.name}) and
 * {@code X-Careslot-Instance} (the process, {@code careslot.instance}). Behind the gateway this tells an operator, and
 * the deployment tests, which service and which replica took a request.
 */
class ServedByFilter implements Filter {

    static final String SERVICE = "X-Careslot-Service";
    static final String INSTANCE = "X-Careslot-Instance";

    private final String service;
    private final String instance;

    ServedByFilter(String service, String instance) {
        this.service = service;
        this.instance = instance;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            http.setHeader(SERVICE, service);
            http.setHeader(INSTANCE, instance);
        }
        chain.doFilter(request, response);
    }
}
