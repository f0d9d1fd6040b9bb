package com.cebot.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every wait of the tests: for a condition, with a deadline instead of a fixed sleep, so it is as
 * fast as what it waits for and its failure says what never came. A check that something did not
 * happen waits first for a sign that the bot handled the input ({@link #stays}), as mockwebserver's
 * {@code takeRequest(timeout)} does; a sleep would pass as well before the bot had run at all.
 */
public final class Await {

    /** How often a condition nobody signals is looked at again. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {}

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, () -> what, condition);
    }

    /** @param what what never came; read only when it did not, so it can show how things stood then */
    public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        until(timeout, what, condition, new Signal());
    }

    /** Waits until {@code value} is non-null and returns it. */
    public static <T> T value(Duration timeout, String what, Supplier<T> value) {
        return value(timeout, () -> what, value);
    }

    /** @param what what never came; read only when it did not */
    public static <T> T value(Duration timeout, Supplier<String> what, Supplier<T> value) {
        Object[] holder = new Object[1];
        until(timeout, what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }

    /**
     * Checks that nothing more happened: waits until {@code handled} holds, the bot's own sign that it
     * has dealt with the input (its private refusal, a log line, a later message on the same path,
     * its work finished), and then that {@code count} is still {@code expected}. Fails as soon as the
     * count passes {@code expected} on the way.
     */
    public static void stays(Duration timeout, String what, int expected, IntSupplier count, BooleanSupplier handled) {
        until(
                timeout,
                () -> "the sign that the bot handled it, to check that " + what + " stays at " + expected + " (now "
                        + count.getAsInt() + ")",
                () -> {
                    int now = count.getAsInt();
                    if (now > expected) {
                        throw new AssertionError(what + ": expected to stay at " + expected + " but it is " + now);
                    }
                    return handled.getAsBoolean();
                });
        int after = count.getAsInt();
        if (after != expected) {
            throw new AssertionError(what + ": expected to stay at " + expected + " but it is " + after);
        }
    }

    /**
     * Whether {@code condition} held within {@code timeout}, without failing: for figures that count
     * what did not come in time.
     */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        return new Signal().within(timeout, condition);
    }

    private static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition, Signal signal) {
        if (!signal.within(timeout, condition)) {
            throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
        }
    }

    /**
     * What threads that change a state call once they changed it, so that a test waiting on it looks
     * again at once rather than at its next poll (the loopback Slack's calls, sockets and acks).
     */
    public static final class Signal {

        public synchronized void signal() {
            notifyAll();
        }

        /** {@link Await#until}, woken by {@link #signal()}. */
        public void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
            Await.until(timeout, what, condition, this);
        }

        private synchronized boolean within(Duration timeout, BooleanSupplier condition) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting", e);
                }
            }
            return true;
        }
    }
}
