package com.cebot.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work that falls due later (reminders, nudges) from the {@code job} table, so it survives a
 * restart. Features schedule jobs in the same transaction as the change that causes them. One
 * daemon thread polls for due jobs; each runs in one transaction that first claims the row, so a
 * job runs once even with two schedulers on one database, and a crash undoes the claim and the
 * handler's writes together. Jobs that fell due while the bot was down run on the first poll.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final int BATCH = 50;
    /** A job still failing after this many runs has a bug or a lasting cause; retrying won't fix it. */
    static final int MAX_ATTEMPTS = 10;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration poll;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Set<String> unknownKindsLogged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public Scheduler(Jdbi jdbi, Clock clock, Duration poll) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.poll = poll;
    }

    public void register(String kind, JobHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("Two handlers for job kind " + kind);
        }
    }

    /**
     * Adds a job to the caller's transaction. A key already scheduled is left as it is, even when
     * done or cancelled: a key names one run, so a job that must run again needs a new key.
     */
    public void schedule(Handle handle, String jobKey, String kind, String ref, Instant dueAt) {
        handle.attach(JobRepository.class).insert(jobKey, kind, ref, dueAt, clock.instant());
    }

    /** Cancels the job if it has not run yet; a job already run or unknown is left alone. */
    public void cancel(Handle handle, String jobKey) {
        handle.attach(JobRepository.class).cancel(jobKey, clock.instant());
    }

    /** Cancels every pending job of {@code kind} about {@code ref}. */
    public void cancelAll(Handle handle, String kind, String ref) {
        handle.attach(JobRepository.class).cancelAll(kind, ref, clock.instant());
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::runSafely, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            while (!closed && runDue() > 0) {
                // keep going while jobs keep running: a backlog after downtime drains without waiting for polls
            }
        } catch (RuntimeException e) {
            log.error("Scheduler pass failed; will try again at the next poll", e);
        }
    }

    /** One pass over due jobs. @return how many ran to completion. */
    public int runDue() {
        Instant now = clock.instant();
        List<String> kinds = new ArrayList<>();
        for (String kind : jdbi.withExtension(JobRepository.class, r -> r.dueKinds(now))) {
            if (handlers.containsKey(kind)) {
                kinds.add(kind);
            } else if (unknownKindsLogged.add(kind)) {
                log.warn("Jobs of kind {} are due but nothing handles that kind; they stay pending", kind);
            }
        }
        if (kinds.isEmpty()) {
            return 0;
        }
        List<Long> due = jdbi.withExtension(JobRepository.class, r -> r.due(now, kinds, BATCH));
        int ran = 0;
        for (long id : due) {
            if (run(id)) {
                ran++;
            }
        }
        return ran;
    }

    /** @return true if this scheduler claimed the job and its handler completed. */
    private boolean run(long id) {
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(h -> claimAndRun(h, id, now));
        } catch (HandlerFailed f) {
            failed(f.job, f.getCause());
            return false;
        }
    }

    private boolean claimAndRun(Handle handle, long id, Instant now) {
        Optional<Job> job = handle.attach(JobRepository.class).claim(id, now);
        if (job.isEmpty()) {
            return false; // another scheduler ran it, or it was cancelled or pushed back meanwhile
        }
        try {
            handlers.get(job.get().kind()).run(handle, job.get(), now);
        } catch (RuntimeException e) {
            throw new HandlerFailed(job.get(), e);
        }
        return true;
    }

    /** Recorded in its own transaction: the failed run's transaction, claim included, is rolled back. */
    private void failed(Job job, Throwable e) {
        int attempts = job.attempts() + 1;
        Instant now = clock.instant();
        if (attempts >= MAX_ATTEMPTS) {
            log.error("Job {} ({}) failed {} times; giving up", job.key(), job.kind(), attempts, e);
            jdbi.useExtension(JobRepository.class, r -> r.giveUp(job.id(), e.toString(), now));
            return;
        }
        Instant retryAt = now.plus(backoff(attempts));
        log.warn("Job {} ({}) failed on attempt {}; retrying at {}", job.key(), job.kind(), attempts, retryAt, e);
        jdbi.useExtension(JobRepository.class, r -> r.retryLater(job.id(), retryAt, e.toString()));
    }

    /** Doubles from 30 seconds up to an hour: ten attempts span about three hours. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    /** Carries the claimed job out of the transaction, which rolls back as it passes. */
    private static final class HandlerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        // Transient: the exception never leaves run(), so the job is never serialized with it.
        private final transient Job job;

        HandlerFailed(Job job, RuntimeException cause) {
            super(cause);
            this.job = job;
        }
    }

    /** Lets a pass in progress finish its current batch, then stops polling. */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
