package com.cebot.testing;

import com.cebot.work.Backoff;
import com.cebot.work.Owner;
import com.cebot.work.WorkQueue;
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

    public static WorkQueue queue(String name, Jdbi jdbi, Clock clock, Owner owner, Backoff backoff) {
        return new WorkQueue(name, jdbi, clock, owner,
                new WorkQueue.Settings(50, Duration.ofMillis(50), Duration.ofSeconds(30), backoff));
    }
}
