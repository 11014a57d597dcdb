package com.careslot.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Security shared by every service: stateless bearer-token authentication with our RS256 access tokens (Spring
 * Security's OAuth2 resource server with Nimbus; the principal is a {@link Caller}), method
 * security (each endpoint states its rule with {@code @PreAuthorize}; an architecture test makes sure none is
 * forgotten, and {@link EndpointRuleInterceptor} applies it before the request is read and refuses an endpoint that
 * states none), 401/403 as problem+json,
 * CORS from {@code careslot.cors.allowed-origins}, and Spring Security's default security headers.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityAutoConfiguration {

    @Bean
    SigningKeys signingKeys(@Value("${careslot.jwt.private-key:}") String privateKey,
                            @Value("${careslot.jwt.public-key:}") String publicKey,
                            @Value("${careslot.jwt.key-dir:${careslot.data-dir:./data}/keys}") String keyDir) {
        return SigningKeys.load(privateKey, publicKey, Path.of(keyDir));
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys,
                              @Value("${careslot.jwt.access-token-lifetime:PT15M}") Duration lifetime) {
        return AccessTokens.issuedWith(keys, lifetime, Clock.systemUTC());
    }

    /** The resource server's decoder; Spring Boot's own backs off for this bean. */
    @Bean
    JwtDecoder accessTokenDecoder(SigningKeys keys) {
        return AccessTokens.decoder(keys, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder(@Value("${careslot.security.password-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    SecurityProblems securityProblems(ObjectMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    WebMvcConfigurer endpointRules(SecurityProblems problems) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new EndpointRuleInterceptor(problems));
            }
        };
    }

    @Bean
    FilterRegistrationBean<CorrelationFilter> correlationFilter() {
        FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(new CorrelationFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SecurityFilterChain careslotSecurity(HttpSecurity http, JwtDecoder accessTokenDecoder, SecurityProblems problems,
                                         @Value("${careslot.cors.allowed-origins:}") List<String> allowedOrigins,
                                         @Value("${careslot.metrics.public:false}") boolean metricsPublic)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .cors(cors -> cors.configurationSource(cors(allowedOrigins)))
                .headers(headers -> headers
                        .referrerPolicy(policy -> policy.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                // A request with a bearer token is authenticated by it, or refused at once with 401 invalid-token;
                // one without goes on anonymously, and the endpoint's own rule decides.
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(accessTokenDecoder)
                                .jwtAuthenticationConverter(CallerAuthentication::of))
                        .authenticationEntryPoint((request, response, e) ->
                                problems.unauthorized(request, response, "invalid-token",
                                        "The access token is invalid or expired.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.unauthorized(request, response, "unauthenticated",
                                        "Sign in: this needs a valid access token."))
                        .accessDeniedHandler((request, response, e) -> problems.forbidden(request, response)))
                // Endpoints state their own rule with @PreAuthorize (see ArchitectureTest), and EndpointRuleInterceptor
                // refuses a controller method that states none; actuator endpoints are not controllers, so metrics
                // get theirs here; static pages and what no handler serves (a 404) pass.
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("prometheus"))
                        .access((authentication, context) -> new AuthorizationDecision(metricsPublic
                                || isLoopback(context.getRequest().getRemoteAddr())
                                || authentication.get().getAuthorities().stream()
                                        .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()))))
                        .anyRequest().permitAll())
                .build();
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (allowedOrigins.stream().anyMatch(origin -> !origin.isBlank())) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(allowedOrigins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key",
                    CorrelationFilter.HEADER, "X-Careslot-Position"));
            configuration.setExposedHeaders(List.of("Location", CorrelationFilter.HEADER, "X-Careslot-Position",
                    "X-Careslot-Stale", "Retry-After", "Idempotent-Replayed"));
            configuration.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }
}
