package com.careslot.notification.mail;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this process's {@link MailDelivery} that mail was recorded, once the recording transaction has committed
 * (Spring's {@link TransactionSynchronization}; the processors' units of work run in Spring transactions). Signals
 * coalesce: however many commits happen while the sender is busy, it looks once more when it is done. Mail recorded
 * on another node is that node's to wake for; the sender's poll is the fallback for both.
 */
@Component
class MailWakeUp {

    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);

    void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    now();
                }
            });
        } else {
            now();
        }
    }

    void now() {
        signal.offer(Boolean.TRUE);
    }

    /** Waits until woken or {@code atMost} has passed. */
    void await(Duration atMost) throws InterruptedException {
        signal.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }
}
