package com.careslot.platform.eventstore;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when its append lost a race ({@link ConcurrencyException} in its cause chain): the retry
 * loads the winner's events and the aggregate decides again, typically refusing with a domain rejection. Every other
 * failure is final. Axon's own predicate is judged on each cause, and the lost race's cause (the driver's
 * unique-violation exception) would otherwise veto the retry.
 */
class LostRaceRetryScheduler extends IntervalRetryScheduler {

    LostRaceRetryScheduler(Builder builder) {
        super(builder);
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
