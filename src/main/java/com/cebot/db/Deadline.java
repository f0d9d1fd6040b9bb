package com.cebot.db;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A time limit on the store's transactions run by one thread, for work that must finish before
 * Slack's 3-second ack (a listener storing a submission). Without one, a writer would wait behind a
 * lock held by another process for as long as SQLite's busy timeout allows, and the ack would come
 * too late for the person to see why. With one, the wait ends in time with a
 * {@link StoreBusyException}, so the listener can answer instead. Deadlines nest, the earliest
 * wins: the Socket Mode connection starts each envelope's from when it arrived, so time spent
 * waiting for a worker in a burst counts too.
 */
public final class Deadline {

    /** What a listener may spend on the store: the rest of Slack's 3 seconds is for the ack to travel. */
    public static final Duration BEFORE_ACK = Duration.ofSeconds(2);

    private static final ThreadLocal<Long> UNTIL_NANOS = new ThreadLocal<>();
    /** Threads under a deadline waiting for the store, over the whole process (it has one store). */
    private static final AtomicInteger WAITING_FOR_STORE = new AtomicInteger();

    private Deadline() {}

    public static <T> T within(Duration limit, Supplier<T> work) {
        return callWithin(limit, work::get);
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T call() throws X;
    }

    /** As {@link #within}, for work that may throw. */
    public static <T, X extends Exception> T callWithin(Duration limit, Work<T, X> work) throws X {
        Long outer = UNTIL_NANOS.get();
        long until = System.nanoTime() + limit.toNanos();
        UNTIL_NANOS.set(outer == null ? until : Math.min(outer, until));
        try {
            return work.call();
        } finally {
            if (outer == null) {
                UNTIL_NANOS.remove();
            } else {
                UNTIL_NANOS.set(outer);
            }
        }
    }

    /**
     * Runs {@code work}, counting this thread among those under a deadline that wait for the store
     * (for its turn at a shared transaction, or for the write lock). While any do, background
     * transactions stand aside.
     */
    public static <T, X extends Exception> T waitingForStore(Work<T, X> work) throws X {
        WAITING_FOR_STORE.incrementAndGet();
        try {
            return work.call();
        } finally {
            if (WAITING_FOR_STORE.decrementAndGet() == 0) {
                synchronized (WAITING_FOR_STORE) {
                    WAITING_FOR_STORE.notifyAll();
                }
            }
        }
    }

    /** Waits while any thread under a deadline waits for the store; a background transaction's turn. */
    static void standAside() {
        if (WAITING_FOR_STORE.get() == 0) {
            return;
        }
        synchronized (WAITING_FOR_STORE) {
            while (WAITING_FOR_STORE.get() > 0) {
                try {
                    WAITING_FOR_STORE.wait();
                } catch (InterruptedException e) {
                    // Closing: the transaction runs now rather than not at all.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What this thread's deadline leaves, if it has one. */
    public static Optional<Duration> remaining() {
        Long left = nanosLeft();
        return left == null ? Optional.empty() : Optional.of(Duration.ofNanos(left));
    }

    /** Nanoseconds left, or null when this thread has no deadline. */
    static Long nanosLeft() {
        Long until = UNTIL_NANOS.get();
        return until == null ? null : Math.max(0, until - System.nanoTime());
    }
}
