package com.cebot.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that drains a table of due work: on every poll, and at once when woken after new work
 * was committed. It keeps going while a pass finds work, so a burst does not wait for polls.
 * Nothing runs before {@link #start()}, so tools and tests can store work without sending it.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Duration poll;
    private final IntSupplier pass;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private volatile boolean started;

    /** @param pass one pass over due work, returning how many items it took up */
    public Worker(String name, Duration poll, IntSupplier pass) {
        this.name = name;
        this.poll = poll;
        this.pass = pass;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        started = true;
        thread.scheduleWithFixedDelay(this::wake, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass now rather than at the next poll. */
    public void wake() {
        if (started && runQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException closing) {
                runQueued.set(false);
            }
        }
    }

    private void drain() {
        runQueued.set(false);
        try {
            while (pass.getAsInt() > 0) {
                // more may have come due while this pass ran
            }
        } catch (RuntimeException e) {
            log.error("{} pass failed; will try again at the next poll", name, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
