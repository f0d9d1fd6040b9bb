package com.cebot.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** How the bot's own threads stop: what is in hand may finish, within a grace, before it is interrupted. */
public final class Stopping {

    private Stopping() {}

    /**
     * Shuts {@code executor} down, lets the task in hand finish within {@code grace}, then interrupts
     * it and waits a moment more. @return whether it finished within the grace
     */
    public static boolean gracefully(ExecutorService executor, Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
