package com.careslot.platform.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactions of a read model's processor commit without waiting for the write-ahead log to reach the disk
 * (PostgreSQL's {@code synchronous_commit = off}, set for that transaction only). Such a commit is visible to every
 * other session at once, exactly like a synchronous one; what a crash of the database server can lose is the last
 * few hundred milliseconds of them ({@code wal_writer_delay}), and PostgreSQL never applies a part of a transaction.
 * A lost batch takes its token update with it, so the processor handles those events again after the restart: the
 * read model comes back exactly, as a rebuild would. Appends to the event store, the mail log and every command stay
 * synchronous. Without this, every event cost each of a dozen processors a disk flush of its own.
 */
final class AsynchronousCommit implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;

    AsynchronousCommit(TransactionManager delegate, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("set local synchronous_commit to off");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
