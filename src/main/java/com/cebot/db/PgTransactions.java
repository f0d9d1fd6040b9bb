package com.cebot.db;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL's transactions, made to behave as the workflows expect from SQLite, where one runs at
 * a time: each is serializable, and run again when PostgreSQL refuses it for overlapping another
 * (SQLSTATE 40001), so a read followed by a write (whose turn is next, is this click the first)
 * never acts on what another transaction, in this process or another, changed meanwhile. (In one
 * process they also take turns, {@link SingleWriter}: on small tables PostgreSQL locks whole
 * tables for this, and transactions run at once were refused again and again.) Only
 * store work runs inside them; Slack is called outside, so running one again repeats no call.
 *
 * <p>A transaction asked for at another level keeps it: the work queues claim rows at READ
 * COMMITTED, where {@code FOR UPDATE SKIP LOCKED} keeps two claimers apart without either being
 * refused. Under a {@link Deadline} (a form stored before its ack) each statement may wait only
 * for what the deadline leaves, for a lock included, instead of for as long as another
 * transaction holds it.
 */
final class PgTransactions extends DelegatingTransactionHandler {

    /** Tries of one transaction refused as overlapping another before the refusal is the caller's. */
    private static final int RETRIES = 10;

    PgTransactions() {
        super(new SerializableTransactionRunner());
    }

    /**
     * Runs a refused transaction again up to {@link #RETRIES} times, each after a pause of a few
     * milliseconds, longer each time and at random, so two processes refused together do not meet
     * again at once.
     */
    static void configure(Jdbi jdbi) {
        jdbi.getConfig(SerializableTransactionRunner.Configuration.class)
                .setMaxRetries(RETRIES)
                .setOnFailure(failures -> {
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * failures.size() + 2));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (handle.isInTransaction()) {
            return callback.withHandle(handle);
        }
        return inTransaction(handle, TransactionIsolationLevel.SERIALIZABLE, callback);
    }

    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        if (handle.isInTransaction()) {
            return callback.withHandle(handle);
        }
        return super.inTransaction(handle, level, h -> {
            Long left = Deadline.nanosLeft();
            if (left != null) {
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                h.execute("SET LOCAL statement_timeout = " + millis);
                h.execute("SET LOCAL lock_timeout = " + millis);
            }
            return callback.withHandle(h);
        });
    }
}
