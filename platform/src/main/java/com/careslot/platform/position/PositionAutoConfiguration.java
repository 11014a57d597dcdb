package com.careslot.platform.position;

import java.time.Duration;

import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes across the services: writes answer with the event position ({@link WritePositionFilter}),
 * reads wait for it ({@link ReadPositionInterceptor}, bounded by {@code careslot.read-your-writes.timeout}, at most
 * {@code careslot.read-your-writes.max-waiting} at once).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PositionAutoConfiguration {

    @Bean
    EventPositions eventPositions(JdbcTemplate jdbc) {
        return new EventPositions(jdbc);
    }

    @Bean
    ProjectionProgress projectionProgress(ObjectProvider<Configuration> axon, JdbcTemplate jdbc) {
        return new ProjectionProgress(axon, jdbc);
    }

    /** Just inside the correlation filter, outside security and idempotency: a replayed answer carries it too. */
    @Bean
    FilterRegistrationBean<WritePositionFilter> writePositionFilter(EventPositions positions) {
        FilterRegistrationBean<WritePositionFilter> registration =
                new FilterRegistrationBean<>(new WritePositionFilter(positions));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer readPositions(ProjectionProgress progress, EventPositions positions,
                                   @Value("${careslot.read-your-writes.timeout:PT2S}") Duration timeout,
                                   @Value("${careslot.read-your-writes.max-waiting:64}") int maxWaiting) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ReadPositionInterceptor(progress, positions, timeout, maxWaiting))
                        .order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }
}
