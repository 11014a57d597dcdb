package com.careslot.platform.security;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies an endpoint's {@code @PreAuthorize} rule before Spring MVC reads the request. Method security alone runs
 * after the arguments are bound and validated, so a caller without a token or in the wrong role would get a 400
 * naming the fields an admin endpoint takes instead of 401 or 403. A rule that names no argument is decided here in
 * full; one that does (an owner check such as {@code #doctorId == principal.accountId}) needs the bound arguments,
 * so here it only turns away anonymous callers, and method security decides the rest.
 * <p>
 * Deny by default: an endpoint of ours that states no rule is refused (403) to everyone, whoever authenticated the
 * caller, and logged, so an endpoint added without a rule is unreachable rather than open. Only the framework's own
 * endpoints (Actuator's, which the security chain guards by path, and springdoc's OpenAPI document and Swagger UI)
 * and handlers that are not controller methods (static pages) are admitted without one.
 */
class EndpointRuleInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(EndpointRuleInterceptor.class);
    private static final String OPEN = "permitAll()";
    private static final List<String> FRAMEWORK_ENDPOINTS =
            List.of("org.springframework.boot.actuate.", "org.springdoc.");

    private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();
    private final SecurityProblems problems;

    EndpointRuleInterceptor(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        // An asynchronous dispatch finishes a streamed answer whose request was let in already; the bearer token
        // is not read again for it, so checking the rule now would append a 401 to the stream.
        if (request.getDispatcherType() == DispatcherType.ASYNC || !(handler instanceof HandlerMethod endpoint)) {
            return true;
        }
        PreAuthorize rule = rule(endpoint);
        if (rule == null) {
            if (isFrameworkEndpoint(endpoint)) {
                return true;
            }
            log.warn("Refused {} {}: {} states no @PreAuthorize rule", request.getMethod(), request.getRequestURI(),
                    endpoint.getShortLogMessage());
            problems.forbidden(request, response);
            return false;
        }
        if (OPEN.equals(rule.value().strip())) {
            return true;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            problems.unauthorized(request, response, "unauthenticated", "Sign in: this needs a valid access token.");
            return false;
        }
        if (!rule.value().contains("#")) {
            var invocation = new SimpleMethodInvocation(endpoint.getBean(), endpoint.getMethod(),
                    new Object[endpoint.getMethod().getParameterCount()]);
            AuthorizationResult decision = rules.authorize(() -> caller, invocation);
            if (decision != null && !decision.isGranted()) {
                problems.forbidden(request, response);
                return false;
            }
        }
        return true;
    }

    private static boolean isFrameworkEndpoint(HandlerMethod endpoint) {
        String type = endpoint.getBeanType().getName();
        return FRAMEWORK_ENDPOINTS.stream().anyMatch(type::startsWith);
    }

    private static PreAuthorize rule(HandlerMethod endpoint) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(endpoint.getMethod(), PreAuthorize.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(endpoint.getBeanType(), PreAuthorize.class);
    }
}
