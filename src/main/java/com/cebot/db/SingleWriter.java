package com.cebot.db;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConnection;

/**
 * Lets one transaction at a time into the store, in arrival order: into SQLite, and, from one
 * process, into PostgreSQL (whose serializable transactions would otherwise overlap, be refused
 * and run again; other processes' still may, see {@link PgTransactions}). SQLite has one writer anyway; when
 * several try at once, the losers sleep in its busy handler for up to 100 ms a round even if the
 * lock frees a millisecond later. Measured on a burst of 500 submissions, waiting here instead cut
 * the time to store them all severalfold. Reentrant, so nested transactions join the outer one.
 * Under a {@link Deadline}, both this wait and SQLite's (another process holding the database)
 * end when the deadline does.
 *
 * <p>Transactions under a deadline are those a person or Slack waits for (a form stored before its
 * ack); the rest is background work (the inbox, outbox and job queues). A background transaction
 * stands aside while any deadline-bound one waits: in a burst of 500 submissions the queues' own
 * transactions, taking turns with the listeners' inserts, put the median ack past 170 ms of store
 * wait alone. The queues catch up once the burst is stored.
 */
final class SingleWriter extends DelegatingTransactionHandler {

    /** SQLite's busy timeout outside deadlines; the data source sets the same. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final boolean sqlite;

    /**
     * @param sqlite false for PostgreSQL, whose transactions take the same turns in this process:
     *     running them at once only has PostgreSQL refuse the overlapping ones, to run them again
     */
    SingleWriter(TransactionHandler delegate, boolean sqlite) {
        super(delegate);
        this.sqlite = sqlite;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return guarded(handle, () -> super.inTransaction(handle, callback));
    }

    /**
     * SQLite runs every transaction serializable, one at a time, whatever level is asked for (a
     * level meant for PostgreSQL, see {@link PgTransactions}); its driver refuses most levels.
     */
    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        if (sqlite) {
            return inTransaction(handle, callback);
        }
        return guarded(handle, () -> super.inTransaction(handle, level, callback));
    }

    @FunctionalInterface
    private interface Body<R, X extends Exception> {
        R run() throws X;
    }

    private <R, X extends Exception> R guarded(Handle handle, Body<R, X> body) throws X {
        Long left = Deadline.nanosLeft();
        if (left == null || lock.isHeldByCurrentThread()) {
            if (!lock.isHeldByCurrentThread()) {
                Deadline.standAside();
            }
            lock.lock();
            try {
                return body.run();
            } finally {
                lock.unlock();
            }
        }
        Deadline.waitingForStore(() -> {
            acquire(left);
            return null;
        });
        try {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Deadline.nanosLeft()));
            busyTimeout(handle, (int) Math.min(millis, BUSY_TIMEOUT_MILLIS));
            try {
                return body.run();
            } finally {
                busyTimeout(handle, BUSY_TIMEOUT_MILLIS);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Straight on the connection: cheaper than a PRAGMA statement on every write under a deadline.
     * (PostgreSQL's statements are bounded by {@link PgTransactions}.)
     */
    private void busyTimeout(Handle handle, int millis) {
        if (!sqlite) {
            return;
        }
        try {
            handle.getConnection().unwrap(SQLiteConnection.class).setBusyTimeout(millis);
        } catch (SQLException e) {
            throw new StoreBusyException("cannot set how long to wait for the store: " + e.getMessage());
        }
    }

    private void acquire(long nanos) {
        try {
            if (!lock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
                throw new StoreBusyException("the store is busy with other writes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting for the store");
        }
    }
}
