package com.cebot.work;

import com.cebot.db.StoreOutage;
import com.cebot.logging.SafeErrors;
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
 * One thread that drains a queue: on every poll, and at once when woken after new work was
 * committed. It keeps going while a pass finds work, so a burst does not wait for polls. Nothing
 * runs before {@link #start()}, so tools and tests can store work without doing it.
 */
final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Duration poll;
    private final IntSupplier pass;
    private final StoreOutage outage;
    private final GiveWay giveWay;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private volatile boolean started;

    /**
     * @param pass one pass over due work, returning how many items it took up
     * @param outage told whether the store answered each pass
     * @param giveWay called before each pass
     */
    Worker(String name, Duration poll, IntSupplier pass, StoreOutage outage, GiveWay giveWay) {
        this.name = name;
        this.poll = poll;
        this.pass = pass;
        this.outage = outage;
        this.giveWay = giveWay;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        started = true;
        thread.scheduleWithFixedDelay(this::wake, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass now rather than at the next poll. */
    void wake() {
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
            // Again while a pass finds work: more may have come due while it ran.
            do {
                giveWay.giveWay();
            } while (pass.getAsInt() > 0);
            outage.answered();
        } catch (Throwable e) {
            // A pass fails only when the store itself does; rows failing are handled inside it. A
            // store out of reach is told once for every queue, by the outage.
            if (!outage.failed(e)) {
                log.error("{} pass failed; will try again at the next poll: {}", name, SafeErrors.describe(e));
            }
        }
    }

    /** Lets the item in hand finish (bounded by {@code grace}), then stops the thread. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    void close(Duration grace) {
        started = false;
        if (!Stopping.gracefully(thread, grace)) {
            log.warn("{} still busy after {} ms; interrupting it", name, grace.toMillis());
        }
    }
}
