package com.cebot.slackfake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lets a test thread wait for something the server threads make true, without sleeping in a loop.
 * Writers change their state first and then call {@link #signal()}.
 */
final class Monitor {

    synchronized void signal() {
        notifyAll();
    }

    synchronized void await(BooleanSupplier done, Duration timeout, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(whatWasExpected.get() + " within " + timeout);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + whatWasExpected.get(), e);
            }
        }
    }
}
