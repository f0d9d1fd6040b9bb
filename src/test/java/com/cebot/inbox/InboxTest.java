package com.cebot.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.db.Deadline;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.cebot.work.WorkItem;
import com.cebot.work.WorkQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submissions accepted in one write, processed once, retried, and never lost across a restart. */
final class InboxTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private int failuresToThrow;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h -> h.execute("CREATE TABLE effect (what TEXT)"));
    }

    private record Running(Inbox inbox, WorkQueue queue) {}

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Running inbox() {
        WorkQueue queue = TestQueues.queue("inbox", jdbi, clock);
        Inbox inbox = new Inbox(queue, meters);
        inbox.register("form", new InboxHandler() {
            @Override
            public void process(Handle handle, WorkItem item) {
                handle.execute("INSERT INTO effect (what) VALUES (?)", item.payload());
                if (failuresToThrow-- > 0) {
                    throw new IllegalStateException("boom");
                }
                processed.add(item.payload() + " from " + item.forUser());
            }

            @Override
            public void failed(Handle handle, WorkItem item, String error) {
                failed.add(item.payload() + ": " + error);
            }
        });
        return new Running(inbox, queue);
    }

    private int effects() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM effect")
                .mapTo(Integer.class)
                .one());
    }

    @Test
    void sameDeliveryTwice_isAcceptedOnce_andProcessedOnce() {
        Running running = inbox();

        assertThat(running.inbox().accept("view:V1", "form", "U1", "a")).isTrue();
        assertThat(running.inbox().accept("view:V1", "form", "U1", "a")).isFalse();
        running.queue().runOnce();
        running.queue().runOnce();

        assertThat(processed).containsExactly("a from U1");
        assertThat(effects()).isEqualTo(1);
    }

    private double refused(String reason) {
        return meters.get("cebot.store.refused").tag("reason", reason).counter().count();
    }

    @Test
    void aStoreLockedPastTheDeadline_refusesTheSubmission_countedAsBusy() throws Exception {
        Running running = inbox();

        TestDatabase.WriteLock lock = TestDatabase.lockForWrites(dir.resolve("cebot.db"));
        try {
            assertThatThrownBy(() -> Deadline.within(
                            Duration.ofMillis(200), () -> running.inbox().accept("view:V1", "form", "U1", "a")))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            lock.close();
        }

        assertThat(refused("busy")).isEqualTo(1);
        assertThat(refused("failed")).isZero();
        assertThat(running.inbox().accept("view:V1", "form", "U1", "a"))
                .as("nothing was kept")
                .isTrue();
    }

    @Test
    void aStoreThatFails_refusesTheSubmission_countedAsFailed() {
        Running running = inbox();
        jdbi.useHandle(h -> h.execute("DROP TABLE work"));

        assertThatThrownBy(() -> running.inbox().accept("view:V1", "form", "U1", "a"))
                .isInstanceOf(RuntimeException.class);

        assertThat(refused("failed")).isEqualTo(1);
        assertThat(refused("busy")).isZero();
    }

    @Test
    void acceptedBeforeARestart_isProcessedAfterIt() {
        inbox().inbox().accept("view:V1", "form", "U1", "a");

        inbox().queue().runOnce();

        assertThat(processed).containsExactly("a from U1");
    }

    @Test
    void failingHandler_isRolledBack_andRetriedLater() {
        Running running = inbox();
        failuresToThrow = 1;
        running.inbox().accept("view:V1", "form", "U1", "a");

        running.queue().runOnce();
        assertThat(effects()).isZero();
        running.queue().runOnce();
        assertThat(processed).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        running.queue().runOnce();
        assertThat(processed).containsExactly("a from U1");
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void handlerThatKeepsFailing_isGivenUp_andTheFailureIsHeard_withoutWhatWasTyped() {
        Running running = inbox();
        failuresToThrow = 100;
        running.inbox().accept("view:V1", "form", "U1", "a");

        for (int i = 0; i < TestQueues.BACKOFF.maxAttempts() + 2; i++) {
            running.queue().runOnce();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(failed)
                .singleElement()
                .satisfies(f -> assertThat(f)
                        .startsWith("a: ")
                        .contains("IllegalStateException at InboxTest.java")
                        .doesNotContain("boom"));
        assertThat(effects()).isZero();
    }
}
