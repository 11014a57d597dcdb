package com.careslot.command.slot;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.HoldSlot;
import com.careslot.api.slot.SlotStatus;
import com.careslot.platform.eventstore.CommandBusDecorator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Bookings and holds of one slot take turns in this process before their unit of work and transaction begin, and a
 * turn that ends knowing the slot is not free answers everyone who was already waiting.
 * <p>
 * Without turns, a thousand requests for one slot each open a transaction, holding one of the pool's connections,
 * and then queue for Axon's lock on the aggregate; one after the other each loads the slot's events and is refused.
 * Here they queue holding nothing. A turn ends knowing the slot's state when it booked or held the slot (known at its
 * commit) or was refused because the slot was BOOKED, BLOCKED or REMOVED (known at its load). A request that arrived
 * before that turn began is then refused at once: the slot was in that state at an instant within the request's
 * lifetime, which is all a refusal claims. A request that arrived later takes a turn of its own.
 * <p>
 * Turns never grant anything: every booking still appends through the aggregate, and the event store's sequence check
 * still decides races with other nodes, whose commands take their own turns.
 * <p>
 * A hot slot holds few request threads and none for long: at most {@code careslot.commands.slot-turn-max-waiting}
 * requests wait for one slot (default 100, below Tomcat's 200 threads, so other requests always find one), and none
 * longer than {@code careslot.commands.slot-turn-patience} (default 10 s). A request beyond either is answered at once
 * {@code 409 slot-busy} without deciding anything.
 */
@Component
public class SlotTurns implements CommandBusDecorator, MessageHandlerInterceptor<CommandMessage<?>> {

    private final ConcurrentHashMap<UUID, Queue> queues = new ConcurrentHashMap<>();
    private final ThreadLocal<Turn> taking = new ThreadLocal<>();
    private final long patienceNanos;
    private final int maxWaiting;
    private final Counter taken;
    private final Counter refusedEarly;
    private final Counter impatient;

    @Autowired
    SlotTurns(@Value("${careslot.commands.slot-turn-patience:PT10S}") Duration patience,
              @Value("${careslot.commands.slot-turn-max-waiting:100}") int maxWaiting,
              ObjectProvider<MeterRegistry> meters) {
        this(patience, maxWaiting, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    SlotTurns(Duration patience, MeterRegistry meters) {
        this(patience, Integer.MAX_VALUE, meters);
    }

    SlotTurns(Duration patience, int maxWaiting, MeterRegistry meters) {
        this.patienceNanos = patience.toNanos();
        this.maxWaiting = maxWaiting;
        this.taken = turns(meters, "taken");
        this.refusedEarly = turns(meters, "refused-early");
        this.impatient = turns(meters, "impatient");
    }

    /**
     * taken: asked the slot; refused-early: refused while waiting, by a turn that found the slot taken after they
     * arrived; impatient: waited longer than the patience, or found the queue full, and was answered slot-busy.
     */
    private static Counter turns(MeterRegistry meters, String outcome) {
        return Counter.builder("careslot.slot.turns").tag("outcome", outcome)
                .description("Bookings and holds of a slot wanted by several at once, by how their turn went")
                .register(meters);
    }

    @Override
    public CommandBus decorate(CommandBus commandBus) {
        return new TurnTaking(commandBus);
    }

    /** On the command bus inside the rejection interceptor: notes why a turn's command was refused. */
    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (SlotNotFreeException refused) {
            Turn turn = taking.get();
            if (turn != null && turn.request.slotId().equals(refused.slotId())) {
                turn.refusedAs = refused.status();
            }
            throw refused;
        }
    }

    /** The slots with requests waiting or taking their turn now; none once all are answered. */
    int queued() {
        return queues.size();
    }

    /** How many requests wait for their turn on this slot. */
    int waiting(UUID slotId) {
        Queue queue = queues.get(slotId);
        return queue == null ? 0 : queue.lock.getQueueLength();
    }

    private <C, R> void dispatch(CommandBus bus, CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        Request request = Request.of(command.getPayload());
        if (request == null || taking.get() != null || CurrentUnitOfWork.isStarted()) {
            bus.dispatch(command, callback);
            return;
        }
        long arrived = System.nanoTime();
        Queue queue = queues.compute(request.slotId(), (slot, existing) -> (existing == null ? new Queue() : existing).join());
        try {
            if (queue.lock.getQueueLength() >= maxWaiting || !queue.awaitTurn(patienceNanos)) {
                impatient.increment();
                callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                        new SlotBusyException(request.slotId()).asCommandFailure()));
                return;
            }
            try {
                Known known = queue.known;
                if (known != null && known.since - arrived >= 0 && known.refuses(request)) {
                    refusedEarly.increment();
                    callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                            new SlotNotFreeException(request.slotId(), known.status).asCommandFailure()));
                    return;
                }
                taken.increment();
                Turn turn = new Turn(request, System.nanoTime());
                taking.set(turn);
                try {
                    bus.dispatch(command, (CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) -> {
                        queue.known = turn.outcome(result);
                        callback.onResult(message, result);
                    });
                } finally {
                    taking.remove();
                }
            } finally {
                queue.lock.unlock();
            }
        } finally {
            queues.computeIfPresent(request.slotId(), (slot, existing) -> existing.leave() ? null : existing);
        }
    }

    /** A command that takes a slot for a patient if it is free. */
    private record Request(UUID slotId, UUID patientId, boolean booking) {

        static Request of(Object payload) {
            if (payload instanceof BookSlot book && book.slotId() != null && book.patientId() != null) {
                return new Request(book.slotId(), book.patientId(), true);
            }
            if (payload instanceof HoldSlot hold && hold.slotId() != null && hold.patientId() != null) {
                return new Request(hold.slotId(), hold.patientId(), false);
            }
            return null;
        }
    }

    /** The slot's state as of a turn that began at {@code since} (System.nanoTime); the holder when HELD. */
    private record Known(SlotStatus status, UUID holder, long since) {

        /** Whether the slot's own rules would refuse the request in this state. */
        boolean refuses(Request request) {
            return status != SlotStatus.HELD || !holder.equals(request.patientId());
        }
    }

    private static final class Turn {

        private final Request request;
        private final long began;
        private SlotStatus refusedAs;

        Turn(Request request, long began) {
            this.request = request;
            this.began = began;
        }

        Known outcome(CommandResultMessage<?> result) {
            if (!result.isExceptional()) {
                return request.booking() ? new Known(SlotStatus.BOOKED, null, began)
                        : new Known(SlotStatus.HELD, request.patientId(), began);
            }
            if (refusedAs == SlotStatus.BOOKED || refusedAs == SlotStatus.BLOCKED || refusedAs == SlotStatus.REMOVED) {
                return new Known(refusedAs, null, began);
            }
            return null;
        }
    }

    /** The requests of one slot: a fair lock, how many hold or wait for it, and the last turn's knowledge. */
    private static final class Queue {

        private final ReentrantLock lock = new ReentrantLock(true);
        private int members;
        private volatile Known known;

        /** Under the map's lock for this slot. */
        Queue join() {
            members++;
            return this;
        }

        /** Under the map's lock for this slot: whether the last member left. */
        boolean leave() {
            return --members == 0;
        }

        boolean awaitTurn(long patienceNanos) {
            try {
                return lock.tryLock(patienceNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private final class TurnTaking implements CommandBus {

        private final CommandBus delegate;

        TurnTaking(CommandBus delegate) {
            this.delegate = delegate;
        }

        @Override
        public <C> void dispatch(CommandMessage<C> command) {
            dispatch(command, (message, result) -> { });
        }

        @Override
        public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            SlotTurns.this.dispatch(delegate, command, callback);
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            return delegate.subscribe(commandName, handler);
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
            return delegate.registerHandlerInterceptor(handlerInterceptor);
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            return delegate.registerDispatchInterceptor(dispatchInterceptor);
        }
    }
}
