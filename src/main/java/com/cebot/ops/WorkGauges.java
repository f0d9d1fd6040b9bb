package com.cebot.ops;

import com.cebot.work.QueueLevels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The work queues' levels as gauges: pending, claimed and failed rows, and how long the oldest due
 * row has waited. They are read from the store when a scrape asks, at most once per
 * {@code fresh}, on a thread of the listener's: a scrape waits for a read only briefly and otherwise
 * shows the last one, so a slow store never holds a scrape. A store that refused the last read shows
 * as no value (NaN).
 */
final class WorkGauges {

    /** The levels read at one moment; no levels when the read failed. */
    private record Reading(Instant at, List<QueueLevels.Level> levels) {}

    private final List<String> queues;
    private final Clock clock;
    private final Duration fresh;
    private final Duration wait;
    private final OneRead<Reading> reads;
    private volatile Reading last;

    /**
     * @param read the levels of {@code queues}, in that order, at the time given ({@link QueueLevels#read})
     * @param fresh how long a reading is used before the store is asked again
     * @param wait how long a scrape waits for a new reading before it takes the last one
     */
    WorkGauges(
            List<String> queues,
            Function<Instant, List<QueueLevels.Level>> read,
            Clock clock,
            Duration fresh,
            Duration wait,
            Executor executor) {
        this.queues = List.copyOf(queues);
        this.clock = clock;
        this.fresh = fresh;
        this.wait = wait;
        // A read leaves its reading for every scrape after it, even one that stopped waiting for it.
        this.reads = new OneRead<>(
                () -> {
                    Instant now = clock.instant();
                    Reading reading;
                    try {
                        reading = new Reading(now, read.apply(now));
                    } catch (RuntimeException e) {
                        reading = new Reading(now, null);
                    }
                    last = reading;
                    return reading;
                },
                executor);
    }

    /**
     * Four gauges for each queue, tagged with its name; the first reading is begun at once, so that
     * the first scrape finds it (the first read of a store is the slowest).
     */
    void register(MeterRegistry registry) {
        for (int i = 0; i < queues.size(); i++) {
            int at = i;
            String queue = queues.get(i);
            gauge(
                    registry,
                    "cebot.work.pending",
                    queue,
                    "Rows waiting to be done (claimed ones included)",
                    null,
                    at,
                    l -> l.pending());
            gauge(
                    registry,
                    "cebot.work.claimed",
                    queue,
                    "Pending rows a bot process is working on now",
                    null,
                    at,
                    l -> l.claimed());
            gauge(
                    registry,
                    "cebot.work.failed",
                    queue,
                    "Rows that failed for good and wait for retry-failed",
                    null,
                    at,
                    l -> l.failed());
            gauge(
                    registry,
                    "cebot.work.oldest.pending.age",
                    queue,
                    "How long the longest-waiting due row has waited since it was due",
                    "seconds",
                    at,
                    this::waited);
        }
        reads.within(Duration.ZERO);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String queue,
            String description,
            String unit,
            int at,
            ToDoubleFunction<QueueLevels.Level> value) {
        Gauge.builder(name, this, g -> {
                    Reading reading = g.reading();
                    return reading.levels() == null
                            ? Double.NaN
                            : value.applyAsDouble(reading.levels().get(at));
                })
                .tag("queue", queue)
                .description(description)
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    private double waited(QueueLevels.Level level) {
        if (level.oldestDue() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(level.oldestDue(), clock.instant()).toMillis() / 1000.0);
    }

    /** A fresh reading; else a new one, if it comes within the wait; else the last (or none yet: NaN). */
    private Reading reading() {
        Reading seen = last;
        if (seen != null && clock.instant().isBefore(seen.at().plus(fresh))) {
            return seen;
        }
        reads.within(wait);
        Reading now = last;
        return now == null ? new Reading(clock.instant(), null) : now;
    }
}
