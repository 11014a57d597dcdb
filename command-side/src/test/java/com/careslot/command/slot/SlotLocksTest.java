package com.careslot.command.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.junit.jupiter.api.Test;

import com.careslot.api.slot.BookSlot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The slot's lock factory as configured, on a real command bus whose handler takes the slot's lock the way the
 * aggregate's repository does: a full queue and a spent patience are answered slot-busy at once, counted, and a
 * command that gets its turn is handled.
 */
class SlotLocksTest {

    private final UUID slotId = UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch locked = new CountDownLatch(1);

    private void handleWith(LockFactory locks) {
        bus.registerHandlerInterceptor(new SlotLocks.BusySlots(meters));
        bus.subscribe(BookSlot.class.getName(), message -> {
            Lock lock = locks.obtainLock(slotId.toString());
            locked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                return "booked";
            } finally {
                lock.release();
            }
        });
    }

    private Thread lastBooker;

    private CompletableFuture<CommandResultMessage<?>> book() {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        lastBooker = new Thread(() -> bus.dispatch(GenericCommandMessage.asCommandMessage(
                new BookSlot(slotId, UUID.randomUUID(), UUID.randomUUID(), null, null, null)),
                (command, result) -> answer.complete(result)));
        lastBooker.start();
        return answer;
    }

    /** Until the lock is held by the first command and the last one queues for it (parked in its timed wait). */
    private void awaitQueued() throws InterruptedException {
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
        Thread waiting = lastBooker;
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    void aCommandBeyondTheQueueIsAnsweredBusyAtOnceAndTheOthersKeepTheirTurn() throws Exception {
        handleWith(SlotLocks.locks(Duration.ofSeconds(10), 1));
        CompletableFuture<CommandResultMessage<?>> holder = book();
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CommandResultMessage<?>> waiter = book();
        awaitQueued();
        CommandResultMessage<?> beyond = book().get(5, TimeUnit.SECONDS);

        assertThat(beyond.isExceptional()).isTrue();
        assertThat(beyond.exceptionResult()).isInstanceOf(SlotBusyException.class);
        assertThat(meters.counter("careslot.slot.busy").count()).isEqualTo(1.0);

        release.countDown();
        assertThat(holder.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("booked");
        assertThat(waiter.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("booked");
    }

    @Test
    void aCommandThatWaitedPastThePatienceIsAnsweredBusy() throws Exception {
        handleWith(SlotLocks.locks(Duration.ofMillis(200), 100));
        CompletableFuture<CommandResultMessage<?>> holder = book();
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
        CommandResultMessage<?> impatient = book().get(5, TimeUnit.SECONDS);

        assertThat(impatient.exceptionResult()).isInstanceOf(SlotBusyException.class);
        release.countDown();
        assertThat(holder.get(5, TimeUnit.SECONDS).isExceptional()).isFalse();
    }
}
