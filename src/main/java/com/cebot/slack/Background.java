package com.cebot.slack;

import com.cebot.work.GiveWay;
import com.cebot.work.Stopping;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that follows an ack (views.open, lookups). Bolt for Java sends the ack only when a listener
 * returns, and in Socket Mode a slow listener delays every envelope behind it, so listeners hand
 * slow work here and return at once. Bounded, so a flood cannot exhaust memory. Each task first
 * gives way to the envelopes in hand, for a moment at most: in a burst on 2 cores, eight threads
 * opening modals took the CPU the rest of the burst needed for its acks.
 */
public final class Background implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final ThreadPoolExecutor executor;
    private final GiveWay giveWay;

    /** @param giveWay called before each task */
    public Background(int threads, int queueSize, GiveWay giveWay) {
        this.giveWay = giveWay;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "after-ack-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** @return false when the queue is full; the caller tells the user instead of dropping silently. */
    public boolean submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    giveWay.giveWay();
                    task.run();
                } catch (RuntimeException e) {
                    log.error("{} failed", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.error(
                    "{} rejected: {} tasks already waiting",
                    what,
                    executor.getQueue().size());
            return false;
        }
    }

    @Override
    public void close() {
        Stopping.gracefully(executor, Duration.ofSeconds(5));
    }
}
