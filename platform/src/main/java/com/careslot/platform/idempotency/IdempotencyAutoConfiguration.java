package com.careslot.platform.idempotency;

import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;

/**
 * Idempotent writes ({@link IdempotencyFilter}), on in the process whose service declares an
 * {@link IdempotencyTable} — the command side. Once per process, however many services it runs, so in
 * {@code standalone} it covers every write on the one port. Settings: {@code careslot.idempotency.retention}
 * (how long a key is remembered, default 24 hours), {@code .lease} (after how long a request still in progress is
 * presumed dead and its key may run again, default 1 minute), {@code .max-stored-body} (larger answers are not kept,
 * default 64KB) and {@code .cleanup-interval} (how often expired keys are deleted, default 10 minutes).
 */
@AutoConfiguration(before = TaskSchedulingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(IdempotencyTable.class)
@EnableScheduling
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotentRequests idempotentRequests(DataSource dataSource, ObjectMapper json, IdempotencyTable table,
                                          @Value("${careslot.idempotency.retention:PT24H}") Duration retention,
                                          @Value("${careslot.idempotency.lease:PT1M}") Duration lease) {
        return new IdempotentRequests(dataSource, json, table, retention, lease);
    }

    /** After Spring Security's filter chain, so the caller is known, and after the rate limits. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotentRequests requests, ObjectMapper json,
            @Value("${careslot.idempotency.max-stored-body:64KB}") DataSize maxStoredBody) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(requests, json, maxStoredBody.toBytes()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenApiCustomizer.class)
    static class Described {

        private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST,
                PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

        @Bean
        OpenApiCustomizer idempotencyKeyHeader() {
            return openApi -> {
                if (openApi.getPaths() == null) {
                    return;
                }
                openApi.getPaths().forEach((path, item) -> {
                    if (!path.startsWith("/api/") || path.startsWith("/api/auth/")) {
                        return;
                    }
                    item.readOperationsMap().forEach((method, operation) -> {
                        if (WRITES.contains(method) && (operation.getParameters() == null || operation.getParameters()
                                .stream().noneMatch(p -> IdempotencyFilter.HEADER.equals(p.getName())))) {
                            operation.addParametersItem(header());
                        }
                    });
                });
            };
        }

        private static HeaderParameter header() {
            HeaderParameter header = new HeaderParameter();
            header.name(IdempotencyFilter.HEADER).required(false)
                    .description("Any new unique value (a UUID) per intended write. A retry with the same key and "
                            + "body answers the first answer again, with Idempotent-Replayed: true, without doing the "
                            + "write twice; the same key with another request is refused with 422; while the first "
                            + "is still running, 409 with Retry-After. Keys are per account and kept 24 hours.")
                    .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$"));
            return header;
        }
    }
}
