package com.cebot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import com.cebot.work.QueueLevels.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queues' levels as gauges, read at most once per few seconds, and never holding a scrape for
 * longer than its short wait: a slow store shows the last reading, a refusing one no value.
 */
final class WorkGaugesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofMillis(200);

    private final MutableClock clock = new MutableClock(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService reads = Executors.newFixedThreadPool(2);
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<List<Level>> levels = new AtomicReference<>(
            List.of(new Level("inbox", 0, 0, 0, null), new Level("outbox", 3, 1, 2, T0.minusSeconds(90))));
    private volatile CountDownLatch hold = new CountDownLatch(0);

    @BeforeEach
    void register() {
        new WorkGauges(
                        List.of("inbox", "outbox"),
                        now -> {
                            asked.incrementAndGet();
                            try {
                                hold.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            List<Level> current = levels.get();
                            if (current == null) {
                                throw new IllegalStateException("the store is gone");
                            }
                            return current;
                        },
                        clock,
                        FRESH,
                        WAIT,
                        reads)
                .register(registry);
    }

    @AfterEach
    void stop() throws InterruptedException {
        hold.countDown();
        reads.shutdownNow();
        reads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private double gauge(String name, String queue) {
        return registry.get(name).tag("queue", queue).gauge().value();
    }

    @Test
    void eachQueue_showsItsLevels_andHowLongItsOldestDueRowHasWaited() {
        assertThat(gauge("cebot.work.pending", "outbox")).isEqualTo(3);
        assertThat(gauge("cebot.work.claimed", "outbox")).isEqualTo(1);
        assertThat(gauge("cebot.work.failed", "outbox")).isEqualTo(2);
        assertThat(gauge("cebot.work.oldest.pending.age", "outbox")).isEqualTo(90);
        assertThat(gauge("cebot.work.pending", "inbox")).isZero();
        assertThat(gauge("cebot.work.oldest.pending.age", "inbox"))
                .as("nothing due")
                .isZero();
        assertThat(registry.get("cebot.work.oldest.pending.age").gauge().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(asked)
                .as("one read, begun when they were registered, for all eight gauges")
                .hasValue(1);
    }

    @Test
    void aReading_isUsedForAFewSeconds_thenTheStoreIsAskedAgain() {
        gauge("cebot.work.pending", "outbox");
        levels.set(List.of(new Level("inbox", 0, 0, 0, null), new Level("outbox", 0, 0, 2, null)));

        clock.advance(Duration.ofSeconds(4));
        assertThat(gauge("cebot.work.pending", "outbox")).isEqualTo(3);
        assertThat(gauge("cebot.work.oldest.pending.age", "outbox"))
                .as("the wait grows between reads")
                .isEqualTo(94);
        clock.advance(Duration.ofSeconds(1));

        assertThat(gauge("cebot.work.pending", "outbox")).isZero();
        assertThat(gauge("cebot.work.oldest.pending.age", "outbox")).isZero();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aStoreSlowerThanTheWait_showsTheLastReading_andTheScrapeDoesNotWaitForIt() {
        gauge("cebot.work.pending", "outbox");
        hold = new CountDownLatch(1);
        levels.set(List.of(new Level("inbox", 0, 0, 0, null), new Level("outbox", 7, 0, 0, T0)));
        clock.advance(FRESH);

        long started = System.nanoTime();
        assertThat(gauge("cebot.work.pending", "outbox")).isEqualTo(3);
        assertThat(gauge("cebot.work.failed", "outbox")).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a liveness bound, not a timing")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(asked).as("the second gauge joined the read under way").hasValue(2);

        hold.countDown();
        Await.until(Duration.ofSeconds(10), "the new reading", () -> gauge("cebot.work.pending", "outbox") == 7);
    }

    @Test
    void aStoreThatRefuses_showsNoValue_untilItAnswersAgain() {
        levels.set(null);
        clock.advance(FRESH);

        assertThat(gauge("cebot.work.pending", "outbox")).isNaN();
        assertThat(gauge("cebot.work.oldest.pending.age", "inbox")).isNaN();

        levels.set(List.of(new Level("inbox", 1, 0, 0, T0), new Level("outbox", 0, 0, 0, null)));
        clock.advance(FRESH);
        assertThat(gauge("cebot.work.pending", "inbox")).isEqualTo(1);
    }
}
