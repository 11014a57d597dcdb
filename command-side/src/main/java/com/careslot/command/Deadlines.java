package com.careslot.command;

import java.util.Optional;

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
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:careslot-deadlines.properties")
class Deadlines {

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
