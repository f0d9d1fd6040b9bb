package com.cebot.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of every queue: waits that double from {@code first} up to {@code max}, with
 * up to a fifth added at random so retries from many rows do not hit Slack in step, and a row given up
 * after {@code maxAttempts} failed attempts. With the defaults the last try comes about 40 minutes
 * after the first: long enough to ride out a Slack incident, short enough that someone hears.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 15);

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max and at least one attempt");
        }
    }

    /** The wait after the {@code failedAttempts}-th failure (1 for the first). */
    public Duration delay(int failedAttempts) {
        long base = first.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 30);
        long capped = base <= 0 ? max.toMillis() : Math.min(base, max.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }
}
