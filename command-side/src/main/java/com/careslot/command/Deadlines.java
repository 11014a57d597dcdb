package com.careslot.command;

import java.util.List;
import java.util.Optional;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

/**
 * Deadlines (a hold's expiry) are kept by Axon's {@code DbSchedulerDeadlineManager}, which Axon's
 * {@code AxonDbSchedulerAutoConfiguration} sets up as soon as db-scheduler's Spring Boot starter has made a
 * {@code Scheduler}: one row per pending deadline in {@code command_side.scheduled_tasks}, written in the transaction
 * of the command that sets it, polled by every command-side node and run by exactly one. Settings in
 * {@code careslot-deadlines.properties}; anything in the environment wins.
 * <p>
 * Axon serialises a deadline's payload, scope and metadata with its event serializer (Jackson); db-scheduler wraps
 * them in its task data, here with Jackson too instead of its default Java serialization.
 * <p>
 * A deadline message carries the metadata of the command that set it (actor, correlation id), but Axon's deadline
 * managers do not copy metadata onto the events a deadline handler applies, as the command bus does. The
 * correlation interceptor makes them: a HoldExpired names the hold's patient and continues the hold's correlation id.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:careslot-deadlines.properties")
class Deadlines {

    @Bean
    InitializingBean deadlinesKeepTheirCorrelation(DeadlineManager deadlineManager,
                                                   List<CorrelationDataProvider> correlationDataProviders) {
        return () -> deadlineManager.registerHandlerInterceptor(
                new CorrelationDataInterceptor<>(correlationDataProviders));
    }

    @Bean
    DbSchedulerCustomizer deadlineTaskData() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JacksonSerializer());
            }
        };
    }
}
