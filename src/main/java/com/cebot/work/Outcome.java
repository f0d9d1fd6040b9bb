package com.cebot.work;

import java.time.Duration;
import org.jdbi.v3.core.Handle;

/** What one attempt at a piece of work came to. */
public sealed interface Outcome {

    /**
     * Finished. {@code result} is kept with the row (where a post landed); {@code commit} runs in the
     * transaction that marks the row done, so what it stores or enqueues happens exactly once.
     * {@code tookEffect} says the work already happened outside the store (a Slack call): if the
     * commit then fails, the next attempt must look before doing it again.
     */
    record Done(String result, Commit commit, boolean tookEffect) implements Outcome {}

    /**
     * Try again later: after the queue's backoff, or exactly after {@code after} for an attempt that
     * does not {@code count} (the other side said when: Retry-After), or after whichever is longer
     * for one that counts and must not be retried sooner ({@code after} null for none).
     * {@code uncertain} when the attempt may have taken effect unseen. An attempt that does not
     * count does not bring the row nearer to giving up.
     */
    record RetryLater(Duration after, String error, boolean uncertain, boolean counts) implements Outcome {}

    /** Refused for good: retrying would only repeat the refusal. */
    record Failed(String error) implements Outcome {}

    /** Writes that commit with the row's completion. */
    @FunctionalInterface
    interface Commit {
        void run(Handle handle) throws Exception;
    }

    /** Work done entirely in {@code commit}: it happens exactly when the row is marked done. */
    static Done done(Commit commit) {
        return new Done(null, commit, false);
    }

    static RetryLater retry(String error) {
        return new RetryLater(null, error, false, true);
    }
}
