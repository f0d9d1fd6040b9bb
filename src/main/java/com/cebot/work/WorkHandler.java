package com.cebot.work;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Does one kind of work. Runs on the queue's own thread, never on a Socket Mode thread. */
@FunctionalInterface
public interface WorkHandler {

    /**
     * One attempt. Anything thrown counts as a failed attempt and is retried with backoff, up to the
     * queue's limit. {@code now} may be long after the row was due when the bot was down: the handler
     * decides whether the work still makes sense.
     */
    Outcome handle(WorkItem item, Instant now) throws Exception;

    /**
     * The row failed for good (refused, or still failing after the last attempt), inside the
     * transaction that records it: tell the person it was for.
     */
    default void failed(Handle handle, WorkItem item, String error) {}

    /** Work that only writes to the store: it runs in the transaction that marks the row done. */
    @FunctionalInterface
    interface InStore {
        void run(Handle handle, WorkItem item, Instant now) throws Exception;
    }

    static WorkHandler inStore(InStore work) {
        return (item, now) -> Outcome.done(handle -> work.run(handle, item, now));
    }
}
