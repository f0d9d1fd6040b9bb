package com.cebot.testing;

import com.cebot.inbox.Inbox;
import com.cebot.work.Backoff;
import com.cebot.work.GiveWay;
import com.cebot.work.Owner;
import com.cebot.work.WorkQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Work queues for tests: the production engine, with waits short enough to watch. */
public final class TestQueues {

    /** Retries after 1 s doubling to a minute; given up after five failed attempts. */
    public static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 5);

    private TestQueues() {}

    public static WorkQueue queue(String name, Jdbi jdbi, Clock clock) {
        return queue(name, jdbi, clock, Owner.ofThisProcess(), BACKOFF);
    }

    /** The inbox on a queue of its own, counting into a registry nobody reads. */
    public static Inbox inbox(Jdbi jdbi, Clock clock) {
        return new Inbox(queue("inbox", jdbi, clock), new SimpleMeterRegistry());
    }

    public static WorkQueue queue(String name, Jdbi jdbi, Clock clock, Owner owner, Backoff backoff) {
        return queue(name, jdbi, clock, owner, backoff, () -> {});
    }

    /** @param giveWay what the queue calls before each pass */
    public static WorkQueue queue(String name, Jdbi jdbi, Clock clock, Owner owner, Backoff backoff, GiveWay giveWay) {
        return new WorkQueue(
                name,
                jdbi,
                clock,
                owner,
                new WorkQueue.Settings(50, Duration.ofMillis(50), Duration.ofSeconds(30), backoff),
                giveWay);
    }
}
