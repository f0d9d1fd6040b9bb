package com.cebot.schedule;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Runs one kind of job. The handler is called inside the transaction that marks the job done, and
 * should only write through {@code handle} (enqueue to the outbox rather than call Slack): then its
 * writes and the job's completion commit together or not at all, and nothing happens twice.
 */
@FunctionalInterface
public interface JobHandler {

    /**
     * {@code now} may be long after {@link Job#dueAt()} when the bot was down; the handler decides
     * whether the job still makes sense (a reminder for a day already past does not). Throwing
     * rolls back its writes and the job is retried later with backoff.
     */
    void run(Handle handle, Job job, Instant now);
}
