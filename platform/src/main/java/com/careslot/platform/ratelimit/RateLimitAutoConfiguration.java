package com.careslot.platform.ratelimit;

import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.careslot.platform.database.ServiceSchema;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Rate limits ({@link RateLimitFilter}) in every service, on unless {@code careslot.rate-limits.enabled=false}. Two
 * endpoint groups, each with its own settings: {@code careslot.rate-limits.sign-in.*} for {@code POST /api/auth/**}
 * (per address 30 a minute by default; per account none, the sign-in throttle counts per email) and
 * {@code careslot.rate-limits.writes.*} for every other write (per account 60 and per address 600 a minute).
 * Buckets live in the {@code rate_limit} schema; idle ones are deleted every
 * {@code careslot.rate-limits.cleanup-interval} (default 10 minutes).
 */
@AutoConfiguration(before = TaskSchedulingAutoConfiguration.class)
@EnableScheduling
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "careslot.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitAutoConfiguration {

    @Bean
    ServiceSchema rateLimitSchema() {
        return new ServiceSchema("rate_limit", "classpath:db/rate-limit");
    }

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit.bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    ExpiredBuckets expiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new ExpiredBuckets(buckets);
    }

    /** Inside Spring Security's filter chain, so the account is known, and before idempotency replays. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
            PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, ObjectMapper json,
            @Value("${careslot.rate-limits.sign-in.per-account:0}") long signInPerAccount,
            @Value("${careslot.rate-limits.sign-in.per-address:30}") long signInPerAddress,
            @Value("${careslot.rate-limits.sign-in.period:PT1M}") Duration signInPeriod,
            @Value("${careslot.rate-limits.writes.per-account:60}") long writesPerAccount,
            @Value("${careslot.rate-limits.writes.per-address:600}") long writesPerAddress,
            @Value("${careslot.rate-limits.writes.period:PT1M}") Duration writesPeriod) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(
                buckets, new RateLimit("sign-in", signInPerAccount, signInPerAddress, signInPeriod),
                new RateLimit("writes", writesPerAccount, writesPerAddress, writesPeriod), json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Every write in the API description says it may be refused 429, and how to tell when to try again. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenApiCustomizer.class)
    static class Described {

        private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST,
                PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

        @Bean
        OpenApiCustomizer rateLimitResponses() {
            return openApi -> {
                if (openApi.getPaths() == null) {
                    return;
                }
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api/")) {
                        item.readOperationsMap().forEach((method, operation) -> {
                            if (WRITES.contains(method)) {
                                if (operation.getResponses() == null) {
                                    operation.setResponses(new ApiResponses());
                                }
                                operation.getResponses().putIfAbsent("429", tooMany());
                            }
                        });
                    }
                });
            };
        }

        private static ApiResponse tooMany() {
            return new ApiResponse()
                    .description("too-many-requests: this account or address sent more than its rate limit allows "
                            + "(careslot.rate-limits.*); try again after Retry-After seconds. Writes within the limit "
                            + "answer RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset too.")
                    .addHeaderObject("Retry-After", new Header().description("seconds to wait")
                            .schema(new IntegerSchema()))
                    .content(new Content().addMediaType("application/problem+json", new MediaType()));
        }
    }
}
