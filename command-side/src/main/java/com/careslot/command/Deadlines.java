package com.careslot.command;

import java.util.List;
import java.util.Optional;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
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

    /**
     * Axon's deadline manager as its {@code AxonDbSchedulerAutoConfiguration} makes it, except that cancelling a
     * deadline that is firing at that moment, or has just fired, is done rather than a failure. db-scheduler refuses to
     * cancel a picked execution ({@link TaskInstanceCurrentlyExecutingException}) and one it no longer has
     * ({@link TaskInstanceNotFoundException}); Axon's manager lets that fail the command's commit — a paid hold's
     * booking answered 500 when its expiry was picked in the same instant (PaymentTest). The firing deadline waits for
     * the slot's lock, then finds its hold booked and does nothing, as a hold's expiry handler always checks.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                               @Qualifier("eventSerializer")
                                               org.axonframework.serialization.Serializer serializer,
                                               TransactionManager transactionManager,
                                               DeadlineManagerSpanFactory spanFactory) {
        return new FiringDeadlinesCancelled(DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's Spring Boot starter starts and stops the scheduler, as in Axon's configuration
                .startScheduler(false)
                .stopScheduler(false), scheduler, spanFactory);
    }

    static final class FiringDeadlinesCancelled extends DbSchedulerDeadlineManager {

        private static final Logger log = LoggerFactory.getLogger(FiringDeadlinesCancelled.class);

        private final Scheduler scheduler;
        private final DeadlineManagerSpanFactory spans;

        FiringDeadlinesCancelled(Builder builder, Scheduler scheduler, DeadlineManagerSpanFactory spans) {
            super(builder);
            this.scheduler = scheduler;
            this.spans = spans;
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            runOnPrepareCommitOrNow(spans.createCancelScheduleSpan(deadlineName, scheduleId).wrapRunnable(() -> {
                try {
                    scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
                } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException firingOrFired) {
                    log.debug("Deadline {} {} is firing or has fired: nothing to cancel", deadlineName, scheduleId);
                }
            }));
        }
    }

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
