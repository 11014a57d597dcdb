package com.careslot.platform.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <token>}. A bad token is answered at once with 401;
 * a request without one goes on anonymously, and the endpoint's own rule decides.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final AccessTokens tokens;
    private final SecurityProblems problems;

    BearerTokenFilter(AccessTokens tokens, SecurityProblems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller;
        try {
            caller = tokens.verify(header.substring(PREFIX.length()).trim());
        } catch (AccessTokens.InvalidTokenException e) {
            problems.unauthorized(request, response, "invalid-token", e.getMessage());
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(caller, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
