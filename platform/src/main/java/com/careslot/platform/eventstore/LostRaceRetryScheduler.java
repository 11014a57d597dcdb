package com.careslot.platform.eventstore;

import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Retries a command only when its append lost a race ({@link ConcurrencyException} in its cause chain): the retry
 * loads the winner's events and the aggregate decides again, typically refusing with a domain rejection. Every other
 * failure is final. (Axon's {@code nonTransientFailurePredicate} is judged on each cause in turn, and the lost race's
 * own cause, the driver's unique-violation exception, would veto the retry; hence this override.) It counts the lost
 * races it sees: the appends PostgreSQL's unique (aggregate, sequence number) refused.
 */
public final class LostRaceRetryScheduler extends IntervalRetryScheduler {

    /** Counts appends that lost a race on the store's unique (aggregate, sequence number). */
    public static final String LOST_RACES = "careslot.eventstore.append.conflicts";

    private final Counter lostRaces;

    LostRaceRetryScheduler(Builder builder, MeterRegistry meters) {
        super(builder);
        this.lostRaces = Counter.builder(LOST_RACES)
                .description("Event appends refused by the event store's unique (aggregate, sequence number)")
                .register(meters);
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (lostARace(lastFailure)) {
            lostRaces.increment();
        }
        return super.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !lostARace(failure);
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
