package com.careslot.command.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.OpenSlot;
import com.careslot.command.slot.SlotOverlapsException;

/**
 * Opens many slots through the ordinary {@link OpenSlot} command, without an HTTP round trip per slot. Slots go in
 * batches, a few batches in parallel; a batch is one unit of work and one transaction, so its events are appended
 * together and the doctor calendar checks them together at commit. When any slot of a batch collides with one the
 * doctor already has, the whole batch rolls back and its slots are opened one by one instead, each in its own
 * transaction: the colliding ones are skipped and counted, the others opened. A batch that fails otherwise (two
 * nodes deadlocked on the calendar, say) is tried one by one too, where anything but a collision fails the call.
 */
@Component
class SlotOpener implements DisposableBean {

    static final int BATCH = 50;

    private final CommandGateway commandGateway;
    private final TransactionManager transactionManager;
    private final ExecutorService workers;

    SlotOpener(CommandGateway commandGateway, TransactionManager transactionManager,
               @Value("${careslot.availability.parallel-batches:2}") int parallel) {
        this.commandGateway = commandGateway;
        this.transactionManager = transactionManager;
        this.workers = Executors.newFixedThreadPool(Math.max(1, parallel),
                new CustomizableThreadFactory("slot-opener-"));
    }

    record Result(int opened, int skipped) {

        static final Result NONE = new Result(0, 0);

        Result plus(Result other) {
            return new Result(opened + other.opened, skipped + other.skipped);
        }
    }

    /** {@code metadata} names who asked (the worker threads know no request), and is stamped on every command. */
    Result open(UUID doctorId, List<Interval> slots, Instant requestedAt, MetaData metadata) {
        List<CompletableFuture<Result>> batches = new ArrayList<>();
        for (int first = 0; first < slots.size(); first += BATCH) {
            List<CommandMessage<?>> batch = slots.subList(first, Math.min(first + BATCH, slots.size()))
                    .stream()
                    .<CommandMessage<?>>map(slot -> GenericCommandMessage.asCommandMessage(new OpenSlot(UUID.randomUUID(), doctorId,
                            slot.start(), slot.end(), requestedAt)).andMetaData(metadata))
                    .toList();
            batches.add(CompletableFuture.supplyAsync(() -> open(batch), workers));
        }
        try {
            return batches.stream().map(CompletableFuture::join).reduce(Result.NONE, Result::plus);
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private Result open(List<CommandMessage<?>> batch) {
        try {
            openTogether(batch);
            return new Result(batch.size(), 0);
        } catch (RuntimeException collisionOrDeadlock) {
            return openOneByOne(batch);
        }
    }

    /** Commands sent inside a unit of work run in nested ones; all of them commit, or fail, with it. */
    private void openTogether(List<CommandMessage<?>> batch) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            batch.forEach(commandGateway::sendAndWait);
        } catch (RuntimeException failure) {
            unitOfWork.rollback(failure);
            throw failure;
        }
        unitOfWork.commit();
    }

    private Result openOneByOne(List<CommandMessage<?>> batch) {
        Result result = Result.NONE;
        for (CommandMessage<?> command : batch) {
            try {
                commandGateway.sendAndWait(command);
                result = result.plus(new Result(1, 0));
            } catch (SlotOverlapsException taken) {
                result = result.plus(new Result(0, 1));
            }
        }
        return result;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
