package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.schedule.Scheduler;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.cebot.work.WorkQueue;
import java.nio.file.Path;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DeliveryPurgeTest {

    @TempDir
    Path dir;

    @Test
    void keysOlderThanADay_areForgotten_dailyAndOnce() {
        Jdbi jdbi = TestDatabase.open(dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        WorkQueue jobs = TestQueues.queue("job", jdbi, clock);
        Scheduler scheduler = new Scheduler(jobs);
        DeliveryPurge purge = new DeliveryPurge(scheduler, clock);
        jdbi.useExtension(Deliveries.class, d -> {
            d.firstTime("event:old", Instant.parse("2026-11-22T01:00:00Z"));
            d.firstTime("event:new", Instant.parse("2026-11-23T09:00:00Z"));
        });
        purge.start(jdbi);
        purge.start(jdbi);

        clock.set(Instant.parse("2026-11-24T03:00:00Z"));
        int ran = jobs.runOnce();

        assertThat(ran).isEqualTo(1);
        boolean oldForgotten = jdbi.withExtension(Deliveries.class, d -> d.firstTime("event:old", clock.instant()));
        boolean newForgotten = jdbi.withExtension(Deliveries.class, d -> d.firstTime("event:new", clock.instant()));
        assertThat(oldForgotten).isTrue();
        assertThat(newForgotten).isFalse();
        int pending = jdbi.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'job' AND status = 'pending'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(pending).as("tomorrow's run, and only that").isEqualTo(1);
    }
}
