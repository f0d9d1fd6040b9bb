package com.cebot.work;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.db.Deadline;
import com.cebot.db.StoreOutage;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.testing.MutableClock;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own rules: leases, failures of every kind, crashes mid-attempt, re-driving. */
final class WorkQueueTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(T0);
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private volatile boolean storeLost;
    /** How many more attempts PostgreSQL refuses as overlapping another transaction. */
    private final AtomicInteger overlapsLeft = new AtomicInteger();
    /** The same for the transaction that records an attempt done (and commits its writes). */
    private final AtomicInteger commitOverlapsLeft = new AtomicInteger();

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
    }

    private WorkQueue queue(Owner owner) {
        return handled(TestQueues.queue("job", jdbi, clock, owner, TestQueues.BACKOFF));
    }

    private WorkQueue handled(WorkQueue queue) {
        queue.register("task", new WorkHandler() {
            @Override
            public Outcome handle(WorkItem item, Instant now) {
                switch (item.payload()) {
                    case "error" -> throw new StackOverflowError();
                    case "store lost" -> {
                        if (storeLost) {
                            throw new ConnectionException(new SQLTransientConnectionException(
                                    "cebot-db - Connection is not available, request timed out after 2000ms."));
                        }
                        return Outcome.done(h -> h.afterCommit(() -> done.add(item.key())));
                    }
                    case "assert" -> throw new AssertionError("typed secret");
                    case "overlap" -> {
                        if (overlapsLeft.getAndDecrement() > 0) {
                            throw overlap();
                        }
                        return Outcome.done(h -> h.afterCommit(() -> done.add(item.key())));
                    }
                    case "overlap at commit" -> {
                        return Outcome.done(h -> {
                            if (commitOverlapsLeft.getAndDecrement() > 0) {
                                throw overlap();
                            }
                            h.afterCommit(() -> done.add(item.key()));
                        });
                    }
                    default -> {
                        // Counted once committed: PostgreSQL may run a transaction again when it
                        // overlapped another.
                        return Outcome.done(h -> h.afterCommit(() -> done.add(item.key())));
                    }
                }
            }

            @Override
            public void failed(org.jdbi.v3.core.Handle handle, WorkItem item, String error) {
                told.add(item.forUser() + ": " + error);
            }
        });
        return queue;
    }

    private void add(WorkQueue queue, String key, String payload) {
        queue.add(NewWork.of(key, "task").withPayload(payload).forUser("U0CE"));
    }

    private Map<String, Object> row(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM work WHERE work_key = :key")
                .bind("key", key)
                .mapToMap()
                .one());
    }

    /** A queue's passes give way first (to the envelopes in hand, in the bot), each one. */
    @Test
    void eachPass_startsOnceTheQueueHasGivenWay() throws InterruptedException {
        Semaphore way = new Semaphore(0);
        AtomicInteger asked = new AtomicInteger();
        WorkQueue queue =
                handled(TestQueues.queue("job", jdbi, clock, Owner.ofThisProcess(), TestQueues.BACKOFF, () -> {
                    asked.incrementAndGet();
                    way.acquireUninterruptibly();
                }));
        queue.start();
        try {
            Await.until(Duration.ofSeconds(5), "the queue's first pass giving way", () -> asked.get() == 1);
            add(queue, "a", "ok");
            assertThat(asked).hasValue(1);
            assertThat(done).isEmpty();

            way.release();

            Await.until(Duration.ofSeconds(5), "the row handled once the pass went ahead", () -> done.contains("a"));
            Await.until(Duration.ofSeconds(5), "the next pass giving way", () -> asked.get() == 2);
        } finally {
            way.release(1_000);
            queue.close();
        }
    }

    /** Forms stored before their acks, many at once: each is stored once and learns whether it was new. */
    @Test
    void addsUnderDeadlines_fromManyThreadsAtOnce_eachStoredOnce_repeatsToldSo() throws Exception {
        WorkQueue queue = queue(Owner.ofThisProcess());
        int forms = 200;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < forms * 2; i++) {
                String key = "view:" + (i % forms);
                results.add(threads.submit(() -> Deadline.within(
                        Duration.ofSeconds(10),
                        () -> queue.add(NewWork.of(key, "task").withPayload("ok")))));
            }
            int added = 0;
            for (Future<Boolean> result : results) {
                added += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(added)
                    .as("each key added once, its second delivery told it was there")
                    .isEqualTo(forms);
        } finally {
            threads.shutdownNow();
        }
        int rows = jdbi.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM work").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(forms);
    }

    /**
     * The store goes out of reach while a row is in hand: the outage is told in its one line, not
     * as the row's failed attempt, and the row, whose attempt may have taken effect, is claimed
     * again once its lease runs out, as uncertain.
     */
    @Test
    void theStoreLostMidAttempt_isToldOnceAsTheOutage_andTheRowIsClaimedAgainAfterItsLease() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "store lost");
        storeLost = true;

        try (LogCapture logs = LogCapture.start()) {
            assertThat(queue.runOnce()).isEqualTo(1);

            assertThat(logs.lines(StoreOutage.class, Level.WARN)).hasSize(1);
            assertThat(logs.events(WorkQueue.class, Level.WARN)).isEmpty();
            assertThat(logs.events(WorkQueue.class, Level.ERROR)).isEmpty();
        }
        assertThat(row("a"))
                .containsEntry("status", "pending")
                .containsEntry("attempts", 0)
                .containsEntry("attempt_open", 1);

        storeLost = false;
        clock.advance(Duration.ofSeconds(31));
        assertThat(queue.runOnce()).isEqualTo(1);

        assertThat(done).containsExactly("a");
        assertThat(row("a")).containsEntry("status", "done").containsEntry("attempts", 1);
    }

    /** What Jdbi throws once PostgreSQL's refusals outlast the store's own retries. */
    private static TransactionException overlap() {
        return new TransactionException(
                "Failed to commit transaction",
                new SQLException("ERROR: could not serialize access due to concurrent update", "40001"));
    }

    /**
     * An attempt refused as overlapping another process's transaction, in its handler or at the
     * commit, is tried again like any failure, but told in one line at INFO without a stack trace:
     * under several processes it is the normal way on.
     */
    @Test
    void anAttemptRefusedAsOverlapping_isTriedAgain_toldInOneInfoLine_noStackTrace() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "overlap");
        add(queue, "b", "overlap at commit");
        overlapsLeft.set(1);
        // On PostgreSQL the store runs a refused transaction again up to 10 times itself
        // (PgTransactions); only a refusal that outlasts those reaches the queue.
        commitOverlapsLeft.set(TestDatabase.postgresql() ? 11 : 1);

        try (LogCapture logs = LogCapture.start()) {
            assertThat(queue.runOnce()).isEqualTo(2);

            assertThat(logs.lines(WorkQueue.class, Level.INFO))
                    .filteredOn(line -> line.contains("SQLSTATE 40001"))
                    .hasSize(2)
                    .allMatch(line -> line.contains("attempt 1 failed") && line.contains("next try in"));
            assertThat(logs.events())
                    .as("no stack trace, nothing above INFO")
                    .allMatch(
                            e -> e.getThrowableProxy() == null && !e.getLevel().isGreaterOrEqual(Level.WARN));
        }
        assertThat(row("a")).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat(row("b")).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat(done).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(queue.runOnce()).isEqualTo(2);

        assertThat(done).containsExactlyInAnyOrder("a", "b");
    }

    /** Refused every time until the queue gives up: that failure is an ERROR, and the person is told. */
    @Test
    void anAttemptRefusedAsOverlappingEveryTime_failsForGood_visibly() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "overlap");
        overlapsLeft.set(Integer.MAX_VALUE);

        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < TestQueues.BACKOFF.maxAttempts(); i++) {
                assertThat(queue.runOnce()).isEqualTo(1);
                clock.advance(Duration.ofMinutes(2));
            }

            assertThat(logs.lines(WorkQueue.class, Level.ERROR))
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("failed for good", "SQLSTATE 40001"));
            assertThat(logs.events(WorkQueue.class, Level.WARN)).isEmpty();
        }
        assertThat(row("a")).containsEntry("status", "failed");
        assertThat(told).singleElement().satisfies(t -> assertThat(t).contains("SQLSTATE 40001"));
    }

    @Test
    void anError_failsThatRowAlone_andTheQueueGoesOn() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "error");
        add(queue, "b", "assert");
        add(queue, "c", "fine");

        int claimed = queue.runOnce();

        assertThat(claimed).isEqualTo(3);
        assertThat(done).containsExactly("c");
        assertThat(row("a")).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat((String) row("a").get("last_error")).startsWith("StackOverflowError");
        assertThat((String) row("b").get("last_error"))
                .startsWith("AssertionError")
                .doesNotContain("typed secret");
    }

    @Test
    void aRowFailingEveryTime_isFailedAfterTheLastAttempt_loggedOnce_andThePersonTold() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "error");

        for (int i = 0; i < TestQueues.BACKOFF.maxAttempts() + 2; i++) {
            queue.runOnce();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(row("a"))
                .containsEntry("status", "failed")
                .containsEntry("attempts", TestQueues.BACKOFF.maxAttempts());
        assertThat(told).singleElement().asString().startsWith("U0CE: StackOverflowError");
    }

    @Test
    void aClaimedRow_isNotClaimedByAnotherOwner_untilItsLeaseRunsOut() {
        WorkQueue first = queue(Owner.ofThisProcess());
        WorkQueue second = queue(Owner.ofThisProcess());
        add(first, "a", "fine");
        Instant until = T0.plusSeconds(30);
        jdbi.useHandle(h -> h.execute(
                "UPDATE work SET lease_owner = 'other/1/x', lease_until = ?, attempt_open = 1",
                until.toString().replace("Z", ".000Z")));

        int early = second.runOnce();
        clock.set(until.plusMillis(1));
        int late = second.runOnce();

        assertThat(early).isZero();
        assertThat(late).isEqualTo(1);
        assertThat(done).containsExactly("a");
    }

    @Test
    void anAttemptCutShortByACrash_countsAsFailed_andIsMarkedUncertain() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "fine");
        // A claim whose process died before recording anything, its lease long gone.
        jdbi.useHandle(
                h -> h.execute("UPDATE work SET lease_owner = 'dead/1/x', lease_until = '2026-11-23T09:00:00.000Z',"
                        + " attempt_open = 1"));
        List<WorkItem> seen = new CopyOnWriteArrayList<>();
        WorkQueue watching = TestQueues.queue("job", jdbi, clock, Owner.ofThisProcess(), TestQueues.BACKOFF);
        watching.register("task", (item, now) -> {
            seen.add(item);
            return Outcome.done(h -> {});
        });

        watching.runOnce();

        assertThat(seen).singleElement().satisfies(item -> {
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.uncertain()).isTrue();
        });
    }

    @Test
    void aSlowBatch_renewsItsClaim_andSkipsARowSomeoneElseTookMeanwhile() {
        WorkQueue queue = TestQueues.queue("job", jdbi, clock, Owner.ofThisProcess(), TestQueues.BACKOFF);
        queue.register("task", (item, now) -> {
            if (item.key().equals("a")) {
                // Slow enough that the claim must be renewed; meanwhile another process took "b".
                clock.advance(Duration.ofSeconds(10));
                jdbi.useHandle(h -> h.execute("UPDATE work SET lease_owner = 'other/1/x' WHERE work_key = 'b'"));
            }
            return Outcome.done(h -> done.add(item.key()));
        });
        add(queue, "a", "fine");
        add(queue, "b", "fine");
        add(queue, "c", "fine");

        queue.runOnce();

        assertThat(done).containsExactly("a", "c");
        assertThat(row("b")).containsEntry("status", "pending").containsEntry("lease_owner", "other/1/x");
    }

    @Test
    void cancelledWhileInHand_isNotRecordedDone_andItsWritesRollBack() {
        WorkQueue queue = TestQueues.queue("job", jdbi, clock, Owner.ofThisProcess(), TestQueues.BACKOFF);
        queue.register("task", (item, now) -> {
            jdbi.useHandle(h -> h.execute("UPDATE work SET status = 'cancelled' WHERE id = ?", item.id()));
            return Outcome.done(h -> done.add(item.key()));
        });
        add(queue, "a", "fine");

        queue.runOnce();

        assertThat(done).isEmpty();
        assertThat(row("a")).containsEntry("status", "cancelled");
    }

    @Test
    void retryFailed_putsARowAndWhatWaitedOnItBack_keepingItsUncertainty() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        queue.add(NewWork.of("card", "task").withPayload("error"));
        queue.add(NewWork.of("note", "task").withPayload("fine").after("card"));
        jdbi.useHandle(h -> h.execute("UPDATE work SET attempts = 99, uncertain = 1 WHERE work_key = 'card'"));
        queue.runOnce();
        queue.runOnce();
        assertThat(row("card")).containsEntry("status", "failed");
        assertThat(row("note")).containsEntry("status", "failed");
        assertThat((String) row("note").get("last_error")).contains("waited for card");
        long id = ((Number) row("card").get("id")).longValue();
        jdbi.useHandle(h -> h.execute("UPDATE work SET payload = 'fine' WHERE work_key = 'card'"));

        var retried = new WorkReport(jdbi).retryFailed(java.util.OptionalLong.of(id), clock.instant());
        queue.runOnce();
        queue.runOnce();

        assertThat(retried).isEqualTo(new WorkReport.Retried.Requeued(2));
        assertThat(done).containsExactly("card", "note");
        assertThat(told).hasSize(2);
    }

    @Test
    void retryFailed_refusesARowThatHasNotFailed() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "fine");
        long id = ((Number) row("a").get("id")).longValue();

        var retried = new WorkReport(jdbi).retryFailed(java.util.OptionalLong.of(id), clock.instant());

        assertThat(retried).isEqualTo(new WorkReport.Retried.NotFailed(id, "pending"));
    }

    @Test
    void aClosedQueue_claimsNothingMore() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        add(queue, "a", "fine");
        queue.close(Duration.ofSeconds(1));

        int claimed = queue.runOnce();

        assertThat(claimed).isZero();
        assertThat(row("a")).containsEntry("status", "pending").containsEntry("lease_owner", null);
    }

    /** {@code count} rows of {@code person}, keyed prefix0, prefix1, …, each due a millisecond after the last. */
    private void addRows(WorkQueue queue, String prefix, int count, String person) {
        jdbi.useTransaction(h -> {
            for (int i = 0; i < count; i++) {
                queue.add(h, NewWork.of(prefix + i, "task").withPayload("fine").forUser(person));
                clock.advance(Duration.ofMillis(1));
            }
        });
    }

    private static WorkItem row(long id, String person, int dueMillis) {
        return new WorkItem(
                id,
                "outbox",
                "k" + id,
                "task",
                null,
                null,
                null,
                person,
                person,
                null,
                0,
                false,
                null,
                T0.plusMillis(dueMillis),
                T0,
                null,
                null);
    }

    /** One person's hundred rows hold another's single row back by one row, not a hundred. */
    @Test
    void aPersonWithAHundredRows_doesNotHoldUpAnotherPersonsOneRow() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        addRows(queue, "a", 100, "U0A");
        addRows(queue, "b", 1, "U0B");

        queue.runOnce();

        assertThat(done).hasSize(50).startsWith("a0", "b0", "a1", "a2");
        assertThat(done.subList(2, 50))
                .containsExactlyElementsOf(
                        IntStream.range(1, 49).mapToObj(i -> "a" + i).toList());
    }

    /** Rows waiting on one anchor (a card's updates and replies) still go one at a time, in the order made. */
    @Test
    void turnsAmongPeople_keepRowsWaitingOnOneAnchorInOrder() {
        WorkQueue queue = queue(Owner.ofThisProcess());
        queue.add(NewWork.of("card", "task").withPayload("fine").forUser("U0A"));
        for (int i = 0; i < 5; i++) {
            queue.add(NewWork.of("card:update" + i, "task")
                    .withPayload("fine")
                    .forUser("U0A")
                    .after("card"));
            queue.add(NewWork.of("card:reply" + i, "task")
                    .withPayload("fine")
                    .forUser("U0C")
                    .after("card"));
        }
        addRows(queue, "b", 30, "U0B");

        while (queue.runOnce() > 0) {
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(done).hasSize(41);
        assertThat(done)
                .filteredOn(k -> k.startsWith("card"))
                .containsExactly(
                        "card",
                        "card:update0",
                        "card:reply0",
                        "card:update1",
                        "card:reply1",
                        "card:update2",
                        "card:reply2",
                        "card:update3",
                        "card:reply3",
                        "card:update4",
                        "card:reply4");
        assertThat(done)
                .filteredOn(k -> k.startsWith("b"))
                .containsExactlyElementsOf(
                        IntStream.range(0, 30).mapToObj(i -> "b" + i).toList());
    }

    /** Two processes claiming at once from people taking turns: every row is done once. */
    @Test
    void twoProcessesTakingTurnsAmongPeople_doEachRowOnce() throws Exception {
        WorkQueue first = queue(Owner.ofThisProcess());
        WorkQueue second = queue(Owner.ofThisProcess());
        addRows(first, "a", 120, "U0A");
        addRows(first, "b", 40, "U0B");
        addRows(first, "c", 3, null);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (WorkQueue queue : List.of(first, second)) {
                runs.add(threads.submit(() -> {
                    while (queue.runOnce() > 0) {
                        Thread.onSpinWait();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(done).hasSize(163).doesNotHaveDuplicates();
    }

    /** A poll that finds nothing due costs one read of the index on due rows, not a claim's transaction. */
    @Test
    void thePollsLookBeforeAClaim_throughTheIndexOnDueRows() {
        List<String> plan = QueryPlans.plan(jdbi, WorkRepository.class, "anyDue");

        assertThat(plan)
                .anyMatch(line -> line.contains("USING INDEX work_due"))
                .noneMatch(line -> line.matches("SCAN work\\b.*"));
    }

    /** Taking turns reads each person's next rows from an index: never a pass over the whole table. */
    @Test
    void theClaim_readsThroughIndexes() {
        List<String> plan = QueryPlans.plan(jdbi, WorkRepository.class, "claim");

        assertThat(plan)
                .anyMatch(line -> line.contains("USING INDEX work_person_due"))
                .noneMatch(line -> line.matches("SCAN (work|w|n|a|e)\\b.*"));
    }

    @Test
    void aClaimedBatch_runsInTurns_eachPersonsRowsByDueTime_theBotsRowsAsOnePerson() {
        List<WorkItem> claimed = List.of(
                row(1, "U0A", 0),
                row(2, "U0A", 1),
                row(3, "U0A", 2),
                row(7, null, 3),
                row(4, "U0B", 5),
                row(8, null, 6),
                row(6, "U0A", -1),
                row(5, "U0C", 9));

        List<Long> order = WorkQueue.inTurns(claimed).stream().map(WorkItem::id).toList();

        assertThat(order).containsExactly(6L, 7L, 4L, 5L, 1L, 8L, 2L, 3L);
    }
}
