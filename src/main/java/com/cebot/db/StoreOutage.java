package com.cebot.db;

import com.cebot.logging.SafeErrors;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers, as the work queues find it: a database server that went away (a
 * PostgreSQL restarted, failed over, or cut off) is told in one line when the first queue finds it
 * gone and in one when one finds it back, not once per queue and poll. Meanwhile the queues claim
 * nothing and try again at each poll: the work waits in the store. One per {@link Jdbi}, shared by
 * everything that uses it ({@link #of}).
 */
public final class StoreOutage implements JdbiConfig<StoreOutage> {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
    private static final String HIKARI_CLOSED = "Connection is closed";

    /** System.nanoTime() when the outage began; 0 while the store answers. Shared by every copy. */
    private final AtomicLong since;

    public StoreOutage() {
        this(new AtomicLong());
    }

    private StoreOutage(AtomicLong since) {
        this.since = since;
    }

    public static StoreOutage of(Jdbi jdbi) {
        return jdbi.getConfig(StoreOutage.class);
    }

    /**
     * Tells of a failed pass over the store. True when the failure is the store being out of reach
     * (logged once per outage); false for any other failure, which the caller reports.
     */
    public boolean failed(Throwable e) {
        if (!isUnreachable(e)) {
            return false;
        }
        if (since.compareAndSet(0, System.nanoTime())) {
            log.warn(
                    "The database cannot be reached ({}); the work queues wait and try again at each poll",
                    SafeErrors.describe(e));
        }
        return true;
    }

    /** Tells of a pass over the store that worked: ends an outage, if there was one. */
    public void answered() {
        long began = since.getAndSet(0);
        if (began != 0) {
            log.info(
                    "The database answers again after {} s; the work queues go on",
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
    }

    public boolean isOut() {
        return since.get() != 0;
    }

    /**
     * A connection that could not be made or was lost (SQLSTATE class 08), a server shutting down
     * or starting (57P01 to 57P03), no connection to be had from the pool in time, or a pooled
     * connection the pool closed under its user because it found it lost.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // HikariCP closes a connection once a statement on it fails as lost, and answers the
            // next call on it (a transaction setting its isolation, say) with this, without a
            // SQLSTATE.
            if (t instanceof SQLException sql && sql.getSQLState() == null && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public StoreOutage createCopy() {
        return new StoreOutage(since);
    }
}
