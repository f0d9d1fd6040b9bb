package com.cebot.ops;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A read of the store made for a probe or a scrape, on a thread of the listener's own, one at a time:
 * a caller waits for it only so long, and a store that hangs holds that one read, never a pile of
 * them or the caller.
 */
final class OneRead<T> {

    /** What a caller got within its wait. */
    sealed interface Result<T> {
        record Answered<T>(T value) implements Result<T> {}

        record Failed<T>(Throwable cause) implements Result<T> {}

        record NoAnswerYet<T>() implements Result<T> {}
    }

    private final Callable<T> read;
    private final Executor executor;
    /** The read under way or last made. Guarded by this. */
    private CompletableFuture<T> latest;

    OneRead(Callable<T> read, Executor executor) {
        this.read = read;
        this.executor = executor;
    }

    /** Joins the read under way, or starts one, and waits up to {@code wait} for it. */
    Result<T> within(Duration wait) {
        CompletableFuture<T> read = underWay();
        try {
            return new Result.Answered<>(read.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Result.NoAnswerYet<>();
        } catch (ExecutionException e) {
            return new Result.Failed<>(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.NoAnswerYet<>();
        }
    }

    private synchronized CompletableFuture<T> underWay() {
        if (latest == null || latest.isDone()) {
            CompletableFuture<T> next = new CompletableFuture<>();
            try {
                executor.execute(() -> {
                    try {
                        next.complete(read.call());
                    } catch (Throwable e) {
                        next.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                // Closing: the executor takes no more reads.
                next.completeExceptionally(new CompletionException("the listener is closing", e));
            }
            latest = next;
        }
        return latest;
    }
}
