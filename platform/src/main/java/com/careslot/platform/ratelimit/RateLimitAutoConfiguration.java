package com.careslot.platform.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.careslot.platform.database.ServiceSchema;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

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
}
