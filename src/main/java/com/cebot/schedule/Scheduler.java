package com.cebot.schedule;

import com.cebot.work.NewWork;
import com.cebot.work.Outcome;
import com.cebot.work.WorkHandler;
import com.cebot.work.WorkQueue;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Work that falls due later (reminders, nudges, the daily purge), on the job queue: features
 * schedule a job in the same transaction as the change that causes it, and it runs in the
 * transaction that marks it done, so it survives a restart, runs once even with two processes on
 * one database, and a failed run undoes its writes. Jobs that fell due while the bot was down run
 * on start; each handler decides whether its job still makes sense.
 */
public final class Scheduler {

    private final WorkQueue queue;

    public Scheduler(WorkQueue queue) {
        this.queue = queue;
    }

    public void register(String kind, JobHandler handler) {
        queue.register(
                kind,
                WorkHandler.inStore((h, item, now) -> handler.run(
                        h,
                        new Job(item.id(), item.key(), item.kind(), item.ref(), item.dueAt(), item.attempts()),
                        now)));
    }

    /**
     * A job that must read something outside the store first (a person's Slack status): {@code read}
     * runs before the transaction, so a slow call never holds the store's one writer, and what it
     * returns does the writing, in the transaction that marks the job done. Throwing from either
     * retries the job later with backoff.
     */
    public void register(String kind, ReadFirst read) {
        queue.register(kind, (item, now) -> {
            Job job = new Job(item.id(), item.key(), item.kind(), item.ref(), item.dueAt(), item.attempts());
            JobHandler then = read.read(job, now);
            return Outcome.done(h -> then.run(h, job, now));
        });
    }

    /** Reads before a job's transaction; see {@link #register(String, ReadFirst)}. */
    @FunctionalInterface
    public interface ReadFirst {
        JobHandler read(Job job, Instant now) throws Exception;
    }

    /**
     * Adds a job to the caller's transaction. A key already scheduled is left as it is, even when
     * done or cancelled: a key names one run, so a job that must run again needs a new key.
     */
    public void schedule(Handle handle, String jobKey, String kind, String ref, Instant dueAt) {
        queue.add(handle, NewWork.of(jobKey, kind).about(ref).dueAt(dueAt));
    }

    /** Cancels the job if it has not run yet; a job already run or unknown is left alone. */
    public void cancel(Handle handle, String jobKey) {
        queue.cancel(handle, jobKey);
    }

    /** Cancels every pending job of {@code kind} about {@code ref}. */
    public void cancelAll(Handle handle, String kind, String ref) {
        queue.cancelAll(handle, kind, ref);
    }
}
