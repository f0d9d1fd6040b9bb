package com.cebot.db;

import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL's transactions, made to behave as the workflows expect from SQLite, where one runs at
 * a time: each is serializable, and run again when PostgreSQL refuses it for overlapping another
 * (SQLSTATE 40001), so a read followed by a write (whose turn is next, is this click the first)
 * never acts on what another transaction, in this process or another, changed meanwhile. Only
 * store work runs inside them; Slack is called outside, so running one again repeats no call.
 *
 * <p>A transaction asked for at another level keeps it: the work queues claim rows at READ
 * COMMITTED, where {@code FOR UPDATE SKIP LOCKED} keeps two claimers apart without either being
 * refused. Under a {@link Deadline} (a form stored before its ack) each statement may wait only
 * for what the deadline leaves, for a lock included, instead of for as long as another
 * transaction holds it.
 */
final class PgTransactions extends DelegatingTransactionHandler {

    PgTransactions() {
        super(new SerializableTransactionRunner());
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (handle.isInTransaction()) {
            return callback.withHandle(handle);
        }
        return inTransaction(handle, TransactionIsolationLevel.SERIALIZABLE, callback);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
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
