package com.cebot.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each queue's pending, claimed and failed rows and its oldest due row, read through the index. */
final class QueueLevelsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
    }

    private void add(String queue, String key, Instant due) {
        TestQueues.queue(queue, jdbi, clock).add(NewWork.of(key, "task").dueAt(due));
    }

    private void set(String key, String assignments) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE work SET " + assignments + " WHERE work_key = :key")
                .bind("key", key)
                .execute());
    }

    @Test
    void eachQueue_countsItsWaitingClaimedAndFailedRows_andWhenItsOldestDueRowWasDue() {
        add("outbox", "late", T0.minusSeconds(90));
        add("outbox", "due", T0.minusSeconds(30));
        add("outbox", "claimed", T0.minusSeconds(10));
        set("claimed", "lease_owner = 'other-process', lease_until = '2026-11-23T10:01:00.000Z'");
        add("outbox", "later", T0.plusSeconds(600));
        add("outbox", "failed", T0.minusSeconds(500));
        set("failed", "status = 'failed', done_at = '2026-11-23T09:59:00.000Z'");
        add("outbox", "done", T0.minusSeconds(900));
        set("done", "status = 'done', done_at = '2026-11-23T09:45:00.000Z'");
        add("job", "tomorrow", T0.plus(Duration.ofDays(1)));
        add("job", "lapsed claim", T0.minusSeconds(5));
        set("lapsed claim", "lease_owner = 'gone', lease_until = '2026-11-23T09:59:00.000Z'");

        List<QueueLevels.Level> levels = new QueueLevels(jdbi, List.of("inbox", "outbox", "job")).read(T0);

        assertThat(levels)
                .containsExactly(
                        new QueueLevels.Level("inbox", 0, 0, 0, null),
                        new QueueLevels.Level("outbox", 4, 1, 1, T0.minusSeconds(90)),
                        new QueueLevels.Level("job", 2, 0, 0, T0.minusSeconds(5)));
    }

    @Test
    void theRead_goesThroughTheIndexOnQueueAndStatus_neverOverTheRowsDone() {
        List<String> plan = QueryPlans.plan(jdbi, QueueLevels.Queries.class, "levels");

        assertThat(plan)
                .anyMatch(line -> line.contains("USING INDEX work_due"))
                .noneMatch(line -> line.matches("SCAN work\\b.*"));
    }
}
