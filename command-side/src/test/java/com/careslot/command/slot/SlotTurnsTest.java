package com.careslot.command.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.careslot.api.CommandRejection;
import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.SlotStatus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Slot turns on a real command bus whose handler stands in for the slot: it books or holds the slot while it is free
 * and refuses otherwise, exactly as the aggregate does, and counts how often it is asked.
 */
class SlotTurnsTest {

    private final UUID slotId = UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SlotTurns turns = new SlotTurns(Duration.ofSeconds(10), meters);
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandBus withTurns = turns.decorate(bus);
    private final AtomicInteger asked = new AtomicInteger();
    private final CountDownLatch firstTurnMayEnd = new CountDownLatch(1);
    private final Map<UUID, UUID> state = new ConcurrentHashMap<>();   // holder or booker, by slot
    private volatile SlotStatus status = SlotStatus.FREE;

    SlotTurnsTest() {
        bus.registerHandlerInterceptor(turns);
        bus.subscribe(BookSlot.class.getName(), message -> decide(((BookSlot) message.getPayload()).patientId(), true));
        bus.subscribe(HoldSlot.class.getName(), message -> decide(((HoldSlot) message.getPayload()).patientId(), false));
    }

    @AfterEach
    void everyoneLeft() {
        assertThat(turns.queued()).isZero();
    }

    @Test
    void requestsWaitingWhileTheSlotIsTakenAreRefusedWithoutAskingTheSlot() throws Exception {
        CompletableFuture<CommandResultMessage<?>> first = inBackground(book(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 1);
        List<CompletableFuture<CommandResultMessage<?>>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(inBackground(book(UUID.randomUUID())));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.waiting(slotId) == 20);

        firstTurnMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).isExceptional()).isFalse();
        for (CompletableFuture<CommandResultMessage<?>> answer : waiting) {
            assertRefusedAs(answer.get(5, TimeUnit.SECONDS), SlotStatus.BOOKED);
        }
        // they arrived after the first turn began, so the first booking alone proves nothing to them; the second
        // turn loads BOOKED, and that answers the 19 who were waiting before it began
        assertThat(asked).hasValue(2);
        assertThat(meters.counter("careslot.slot.turns", "outcome", "refused-early").count()).isEqualTo(19);
        assertThat(meters.counter("careslot.slot.turns", "outcome", "taken").count()).isEqualTo(2);
    }

    @Test
    void aRequestThatArrivesAfterTheLastTurnBeganTakesATurnOfItsOwn() throws Exception {
        firstTurnMayEnd.countDown();
        assertThat(dispatch(book(UUID.randomUUID())).isExceptional()).isFalse();
        assertRefusedAs(dispatch(book(UUID.randomUUID())), SlotStatus.BOOKED);
        assertRefusedAs(dispatch(book(UUID.randomUUID())), SlotStatus.BOOKED);
        assertThat(asked).hasValue(3);
    }

    @Test
    void theHolderStillConfirmsItsHoldWhileOthersAreRefused() throws Exception {
        UUID holder = UUID.randomUUID();
        CompletableFuture<CommandResultMessage<?>> hold = inBackground(new HoldSlot(slotId, UUID.randomUUID(), holder,
                java.time.Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 1);
        CompletableFuture<CommandResultMessage<?>> stranger = inBackground(book(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.waiting(slotId) == 1);
        CompletableFuture<CommandResultMessage<?>> confirmation = inBackground(book(holder));
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.waiting(slotId) == 2);
        CompletableFuture<CommandResultMessage<?>> another = inBackground(book(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.waiting(slotId) == 3);

        firstTurnMayEnd.countDown();

        assertThat(hold.get(5, TimeUnit.SECONDS).isExceptional()).isFalse();
        // the stranger arrived after the hold's turn began: it asks the slot, which is HELD
        assertRefusedAs(stranger.get(5, TimeUnit.SECONDS), SlotStatus.HELD);
        assertThat(confirmation.get(5, TimeUnit.SECONDS).isExceptional()).isFalse();
        // the last arrived before the confirmation's turn began, which booked the slot
        assertRefusedAs(another.get(5, TimeUnit.SECONDS), SlotStatus.BOOKED);
        assertThat(asked).hasValue(3);
        assertThat(state).containsEntry(slotId, holder);
    }

    @Test
    void requestsForOtherSlotsDoNotWait() throws Exception {
        CompletableFuture<CommandResultMessage<?>> first = inBackground(book(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 1);
        BookSlot elsewhere = new BookSlot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // the handler would block on the latch for this slot too; a refused answer proves it was never queued
        status = SlotStatus.BLOCKED;
        assertRefusedAs(dispatch(elsewhere), SlotStatus.BLOCKED);
        firstTurnMayEnd.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).isExceptional()).isTrue();
    }

    private Object decide(UUID patientId, boolean booking) throws InterruptedException {
        if (asked.incrementAndGet() == 1) {
            firstTurnMayEnd.await(10, TimeUnit.SECONDS);
        }
        synchronized (this) {
            boolean holds = status == SlotStatus.HELD && patientId.equals(state.get(slotId));
            if (status != SlotStatus.FREE && !holds) {
                throw new SlotNotFreeException(slotId, status);
            }
            status = booking ? SlotStatus.BOOKED : SlotStatus.HELD;
            state.put(slotId, patientId);
            return null;
        }
    }

    private BookSlot book(UUID patientId) {
        return new BookSlot(slotId, UUID.randomUUID(), patientId);
    }

    private CommandResultMessage<?> dispatch(Object command) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        withTurns.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> answer.complete(result));
        return answer.join();
    }

    private CompletableFuture<CommandResultMessage<?>> inBackground(Object command) {
        return CompletableFuture.supplyAsync(() -> dispatch(command), runnable -> new Thread(runnable).start());
    }

    private static void assertRefusedAs(CommandResultMessage<?> answer, SlotStatus status) {
        assertThat(answer.isExceptional()).isTrue();
        Throwable failure = answer.exceptionResult();
        CommandRejection rejection = failure instanceof CommandExecutionException execution
                ? execution.<CommandRejection>getDetails().orElseThrow()
                : ((SlotNotFreeException) failure).details();
        assertThat(rejection.code()).isEqualTo("slot-not-free");
        assertThat(rejection.kind()).isEqualTo(CommandRejection.Kind.CONFLICT);
        assertThat(rejection.message()).contains("is " + status + ", not FREE");
    }
}
