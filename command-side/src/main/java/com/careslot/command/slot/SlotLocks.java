package com.careslot.command.slot;

import java.time.Duration;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.HoldSlot;
import com.careslot.command.CommandHandlingConfiguration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How commands on one slot take turns in this process: Axon's own {@link PessimisticLockFactory}, bounded. At most
 * {@code careslot.commands.slot-turn-max-waiting} commands wait for one slot (default 100, below Tomcat's 200 threads,
 * so other requests always find a thread) and none longer than {@code careslot.commands.slot-turn-patience} (default
 * 10 s); a command beyond either is answered {@code 409 slot-busy} without deciding anything.
 * <p>
 * A waiting command holds no database connection: the platform hands out connections lazily (Spring's
 * {@code LazyConnectionDataSourceProxy}), so a unit of work's transaction takes one only at its first statement, which
 * comes after the lock, when the slot's events are read. The lock never grants anything: every booking still appends
 * through the aggregate, and the event store's unique (aggregate, sequence number) still decides races with other
 * nodes.
 */
@Configuration(proxyBeanMethods = false)
public class SlotLocks {

    /** The name of the slot aggregate's lock factory bean ({@code @Aggregate(lockFactory = …)}). */
    public static final String BEAN = "slotLockFactory";
    /**
     * A waiting command waits for the lock in attempts this long, and between two looks for a deadlock; the release of
     * the lock wakes the next one at once whatever the attempt. Every attempt leaves the lock's queue and joins it again
     * at its end: at 10 ms, 100 commands waiting for one slot did that 10,000 times a second, each walking the queue.
     */
    private static final int ATTEMPT_MILLIS = 100;

    @Bean(BEAN)
    LockFactory slotLocks(@Value("${careslot.commands.slot-turn-patience:PT10S}") Duration patience,
                          @Value("${careslot.commands.slot-turn-max-waiting:100}") int maxWaiting) {
        return locks(patience, maxWaiting);
    }

    static LockFactory locks(Duration patience, int maxWaiting) {
        return PessimisticLockFactory.builder()
                .queueLengthThreshold(maxWaiting)
                .lockAttemptTimeout(ATTEMPT_MILLIS)
                // Axon's first attempt does not wait and its last refuses without waiting: two more than the waits
                // that fill the patience
                .acquireAttempts((int) ((patience.toMillis() + ATTEMPT_MILLIS - 1) / ATTEMPT_MILLIS + 2))
                .build();
    }

    @Bean
    @Order(CommandHandlingConfiguration.BUSY_SLOTS)
    BusySlots busySlots(ObjectProvider<MeterRegistry> meters) {
        return new BusySlots(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Answers a command that did not get its turn on a slot (queue full, patience spent, or a deadlock Axon detected
     * between two commands each holding one of two slots) with {@link SlotBusyException}, and counts it.
     */
    public static final class BusySlots implements MessageHandlerInterceptor<CommandMessage<?>> {

        private final Counter busy;

        BusySlots(MeterRegistry meters) {
            this.busy = Counter.builder("careslot.slot.busy")
                    .description("Commands on a slot refused slot-busy: too many waiting for it, or waiting too long")
                    .register(meters);
        }

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            try {
                return interceptorChain.proceed();
            } catch (LockAcquisitionFailedException notTurn) {
                busy.increment();
                throw new SlotBusyException(slotOf(unitOfWork.getMessage().getPayload()));
            }
        }

        private static UUID slotOf(Object command) {
            if (command instanceof BookSlot book) {
                return book.slotId();
            }
            if (command instanceof HoldSlot hold) {
                return hold.slotId();
            }
            return null;
        }
    }
}
