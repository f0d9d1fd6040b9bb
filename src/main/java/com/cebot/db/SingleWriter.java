package com.cebot.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Lets one transaction at a time into SQLite, in arrival order. SQLite has one writer anyway; when
 * several try at once, the losers sleep in its busy handler for up to 100 ms a round even if the
 * lock frees a millisecond later. Measured on a burst of 500 submissions, waiting here instead cut
 * the time to store them all severalfold. Reentrant, so nested transactions join the outer one.
 */
final class SingleWriter extends DelegatingTransactionHandler {

    private final ReentrantLock lock = new ReentrantLock(true);

    SingleWriter(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            lock.unlock();
        }
    }
}
