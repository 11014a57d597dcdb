package com.careslot.command;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.task.TaskWithDataDescriptor;

/**
 * Axon 4.12's {@code DbSchedulerDeadlineManager} schedules through {@code TaskWithDataDescriptor.instance(String,
 * data)}, which db-scheduler removed in 15.0.0: every hold would then fail with a {@link NoSuchMethodError}. Move
 * db-scheduler past 14.x only together with an Axon that uses its new API (4.13).
 */
class DbSchedulerCompatibilityTest {

    @Test
    void dbSchedulerStillServesTheMethodAxonSchedulesDeadlinesWith() {
        assertThatCode(() -> TaskWithDataDescriptor.class.getMethod("instance", String.class, Object.class))
                .as("db-scheduler no longer serves what Axon 4.12's DbSchedulerDeadlineManager calls")
                .doesNotThrowAnyException();
    }
}
