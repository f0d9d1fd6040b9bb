package com.cebot.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.cebot.work.Owner;
import com.cebot.work.WorkQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T17:00:00Z");
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String NUDGE = "nudge";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final Map<Scheduler, WorkQueue> queues = new ConcurrentHashMap<>();
    private final List<WorkQueue> started = new ArrayList<>();
    private Jdbi jdbi;

    /** A job row as stored, read back without going through the code under test. */
    record Row(String status, int attempts, String lastError, Instant dueAt, Instant doneAt) {}

    @BeforeEach
    void openStore() {
        jdbi = open();
        // What a handler writes: it must commit, or not, together with the job being marked done.
        jdbi.useHandle(h -> h.execute("CREATE TABLE effect (job_key TEXT NOT NULL, ran_at TEXT NOT NULL)"));
    }

    @AfterEach
    void closeSchedulers() {
        started.forEach(WorkQueue::close);
    }

    /** Each call is a separate connection pool, as a second process or a restart would have. */
    private Jdbi open() {
        return TestDatabase.open(dir);
    }

    /** A scheduler on its own job queue, as one process has. */
    private Scheduler scheduler(Jdbi store) {
        WorkQueue queue = new WorkQueue(
                "job",
                store,
                clock,
                Owner.ofThisProcess(),
                new WorkQueue.Settings(50, POLL, Duration.ofSeconds(30), TestQueues.BACKOFF),
                () -> {});
        Scheduler scheduler = new Scheduler(queue);
        queues.put(scheduler, queue);
        return scheduler;
    }

    private int runDue(Scheduler scheduler) {
        return queues.get(scheduler).runOnce();
    }

    private void start(Scheduler scheduler) {
        WorkQueue queue = queues.get(scheduler);
        started.add(queue);
        queue.start();
    }

    private void stop(Scheduler scheduler) {
        queues.get(scheduler).close();
    }

    private Scheduler recordingScheduler() {
        Scheduler scheduler = scheduler(jdbi);
        scheduler.register(NUDGE, SchedulerTest::recordEffect);
        return scheduler;
    }

    private static void recordEffect(org.jdbi.v3.core.Handle handle, Job job, Instant now) {
        handle.execute("INSERT INTO effect (job_key, ran_at) VALUES (?, ?)", job.key(), now.toString());
    }

    private void schedule(Scheduler scheduler, String key, String ref, Instant dueAt) {
        jdbi.useTransaction(h -> scheduler.schedule(h, key, NUDGE, ref, dueAt));
    }

    private List<String> effects() {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_key FROM effect ORDER BY job_key")
                .mapTo(String.class)
                .list());
    }

    private Optional<Row> row(String key) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, attempts, last_error, due_at, done_at FROM work WHERE queue = 'job' AND work_key = :key")
                .bind("key", key)
                .map(ConstructorMapper.of(Row.class))
                .findOne());
    }

    @Nested
    final class Running {

        @Test
        void dueJob_runsOnce_andIsMarkedDone() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0);

            int first = runDue(scheduler);
            int second = runDue(scheduler);

            assertThat(first).isEqualTo(1);
            assertThat(second).isZero();
            assertThat(effects()).containsExactly("nudge:r1");
            assertThat(row("nudge:r1"))
                    .get()
                    .extracting(Row::status, Row::doneAt)
                    .containsExactly("done", T0);
        }

        @Test
        void jobNotYetDue_waitsForItsTime() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0.plusSeconds(3600));

            int early = runDue(scheduler);
            clock.advance(Duration.ofHours(1));
            int onTime = runDue(scheduler);

            assertThat(early).isZero();
            assertThat(onTime).isEqualTo(1);
            assertThat(effects()).containsExactly("nudge:r1");
        }

        @Test
        void dueJobsRunInDueOrder() {
            Scheduler scheduler = scheduler(jdbi);
            List<String> order = new CopyOnWriteArrayList<>();
            scheduler.register(NUDGE, (h, job, now) -> order.add(job.key()));
            schedule(scheduler, "late", "r1", T0.minusSeconds(10));
            schedule(scheduler, "early", "r1", T0.minusSeconds(20));

            runDue(scheduler);

            assertThat(order).containsExactly("early", "late");
        }

        @Test
        void handlerWrites_commitWithTheJob_andSeeItClaimed() {
            Scheduler scheduler = scheduler(jdbi);
            List<String> statusSeenByHandler = new CopyOnWriteArrayList<>();
            scheduler.register(NUDGE, (h, job, now) -> {
                recordEffect(h, job, now);
                statusSeenByHandler.add(h.createQuery("SELECT status FROM work WHERE id = :id")
                        .bind("id", job.id())
                        .mapTo(String.class)
                        .one());
            });
            schedule(scheduler, "nudge:r1", "r1", T0);

            runDue(scheduler);

            assertThat(statusSeenByHandler).containsExactly("done");
            assertThat(effects()).containsExactly("nudge:r1");
            assertThat(row("nudge:r1")).get().extracting(Row::status).isEqualTo("done");
        }

        @Test
        void unknownKind_staysPending_andDoesNotCrowdOutKnownKinds() {
            Scheduler scheduler = recordingScheduler();
            jdbi.useTransaction(h -> {
                for (int i = 0; i < 60; i++) {
                    scheduler.schedule(h, "orphan:" + i, "retired-kind", null, T0.minusSeconds(60));
                }
            });
            schedule(scheduler, "nudge:r1", "r1", T0);

            int ran = runDue(scheduler);

            assertThat(ran).isEqualTo(1);
            assertThat(effects()).containsExactly("nudge:r1");
            assertThat(row("orphan:0"))
                    .get()
                    .extracting(Row::status, Row::attempts)
                    .containsExactly("pending", 0);
        }
    }

    @Nested
    final class Scheduling {

        @Test
        void sameKeyTwice_keepsOneJob_withTheFirstDueTime() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0.plusSeconds(60));
            schedule(scheduler, "nudge:r1", "r1", T0);

            int count = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'job'")
                    .mapTo(Integer.class)
                    .one());
            int ranAtT0 = runDue(scheduler);

            assertThat(count).isEqualTo(1);
            assertThat(row("nudge:r1")).get().extracting(Row::dueAt).isEqualTo(T0.plusSeconds(60));
            assertThat(ranAtT0).isZero();
        }

        @Test
        void keyAlreadyRun_isNotScheduledAgain() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0);
            runDue(scheduler);

            schedule(scheduler, "nudge:r1", "r1", T0);
            int ranAgain = runDue(scheduler);

            assertThat(ranAgain).isZero();
            assertThat(effects()).containsExactly("nudge:r1");
        }

        @Test
        void scheduleInARolledBackTransaction_leavesNoJob() {
            Scheduler scheduler = recordingScheduler();

            try {
                jdbi.useTransaction(h -> {
                    scheduler.schedule(h, "nudge:r1", NUDGE, "r1", T0);
                    throw new IllegalStateException("the caller's change failed");
                });
            } catch (IllegalStateException expected) {
                // the caller's change and its job go together
            }

            assertThat(row("nudge:r1")).isEmpty();
        }

        @Test
        void cancel_stopsAPendingJob() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0.plusSeconds(60));

            jdbi.useTransaction(h -> scheduler.cancel(h, "nudge:r1"));
            clock.advance(Duration.ofMinutes(5));
            int ran = runDue(scheduler);

            assertThat(ran).isZero();
            assertThat(effects()).isEmpty();
            assertThat(row("nudge:r1"))
                    .get()
                    .extracting(Row::status, Row::doneAt)
                    .containsExactly("cancelled", T0);
        }

        @Test
        void cancel_leavesAJobThatAlreadyRan() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0);
            runDue(scheduler);

            jdbi.useTransaction(h -> scheduler.cancel(h, "nudge:r1"));

            assertThat(row("nudge:r1")).get().extracting(Row::status).isEqualTo("done");
        }

        @Test
        void cancelAll_stopsEveryJobOfThatKindAboutThatRef() {
            Scheduler scheduler = recordingScheduler();
            scheduler.register("digest", SchedulerTest::recordEffect);
            schedule(scheduler, "nudge:r1:first", "r1", T0);
            schedule(scheduler, "nudge:r1:second", "r1", T0);
            schedule(scheduler, "nudge:r2:first", "r2", T0);
            jdbi.useTransaction(h -> scheduler.schedule(h, "digest:r1", "digest", "r1", T0));

            jdbi.useTransaction(h -> scheduler.cancelAll(h, NUDGE, "r1"));
            runDue(scheduler);

            assertThat(effects()).containsExactly("digest:r1", "nudge:r2:first");
            assertThat(row("nudge:r1:second")).get().extracting(Row::status).isEqualTo("cancelled");
        }
    }

    @Nested
    final class Failures {

        @Test
        void throwingHandler_rollsBackItsWrites_andIsRetriedAfterBackoff() {
            Scheduler scheduler = scheduler(jdbi);
            List<Integer> attemptsSeen = new CopyOnWriteArrayList<>();
            scheduler.register(NUDGE, (h, job, now) -> {
                attemptsSeen.add(job.attempts());
                recordEffect(h, job, now);
                if (job.attempts() == 0) {
                    throw new IllegalStateException("first run fails");
                }
            });
            schedule(scheduler, "nudge:r1", "r1", T0);

            int firstPass = runDue(scheduler);
            Row afterFailure = row("nudge:r1").orElseThrow();
            int beforeBackoffEnds = runDue(scheduler);
            clock.advance(Duration.ofSeconds(2));
            int afterBackoff = runDue(scheduler);

            assertThat(firstPass).as("claimed").isEqualTo(1);
            assertThat(afterFailure.status()).isEqualTo("pending");
            assertThat(afterFailure.attempts()).isEqualTo(1);
            assertThat(afterFailure.lastError())
                    .as("named by type and place, never by its message")
                    .startsWith("IllegalStateException at SchedulerTest.java")
                    .doesNotContain("first run fails");
            assertThat(afterFailure.dueAt()).isBetween(T0.plusSeconds(1), T0.plusMillis(1200));
            assertThat(beforeBackoffEnds).isZero();
            assertThat(afterBackoff).isEqualTo(1);
            assertThat(attemptsSeen).containsExactly(0, 1);
            assertThat(effects()).as("only the successful run's write is kept").containsExactly("nudge:r1");
            assertThat(row("nudge:r1")).get().extracting(Row::status).isEqualTo("done");
        }

        @Test
        void handlerThatKeepsFailing_isGivenUpAfterMaxAttempts() {
            Scheduler scheduler = scheduler(jdbi);
            AtomicInteger runs = new AtomicInteger();
            scheduler.register(NUDGE, (h, job, now) -> {
                runs.incrementAndGet();
                throw new IllegalStateException("always fails");
            });
            schedule(scheduler, "nudge:r1", "r1", T0);

            for (int i = 0; i < TestQueues.BACKOFF.maxAttempts() + 3; i++) {
                runDue(scheduler);
                clock.advance(Duration.ofHours(1));
            }

            assertThat(runs).hasValue(TestQueues.BACKOFF.maxAttempts());
            Row row = row("nudge:r1").orElseThrow();
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).isEqualTo(TestQueues.BACKOFF.maxAttempts());
            assertThat(row.lastError()).startsWith("IllegalStateException");
        }
    }

    @Nested
    final class Polling {

        @Test
        void started_runsJobsAsTheyFallDue() {
            Scheduler scheduler = recordingScheduler();
            schedule(scheduler, "nudge:r1", "r1", T0.plusSeconds(60));
            start(scheduler);

            clock.advance(Duration.ofMinutes(1));

            Await.until(WAIT, "the job's effect", () -> effects().contains("nudge:r1"));
            assertThat(row("nudge:r1")).get().extracting(Row::status).isEqualTo("done");
        }

        @Test
        void jobDueWhileDown_runsOnStart_andTheHandlerSeesHowLate() {
            Scheduler before = recordingScheduler();
            schedule(before, "nudge:r1", "r1", T0.plusSeconds(3600));
            stop(before);
            clock.advance(Duration.ofDays(2));

            Scheduler after = scheduler(open());
            Map<String, List<Instant>> seen = new ConcurrentHashMap<>();
            after.register(NUDGE, (h, job, now) -> {
                seen.put(job.key(), List.of(job.dueAt(), now));
                recordEffect(h, job, now);
            });
            start(after);

            Await.until(WAIT, "the job's effect", () -> effects().contains("nudge:r1"));
            assertThat(seen.get("nudge:r1")).containsExactly(T0.plusSeconds(3600), T0.plus(Duration.ofDays(2)));
        }

        @Test
        void twoSchedulersOnOneDatabase_runEveryJobExactlyOnce() {
            int jobs = 50;
            Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            List<Scheduler> racers = List.of(scheduler(open()), scheduler(open()));
            for (Scheduler racer : racers) {
                racer.register(NUDGE, (h, job, now) -> {
                    runs.computeIfAbsent(job.key(), k -> new AtomicInteger()).incrementAndGet();
                    recordEffect(h, job, now);
                });
            }
            jdbi.useTransaction(h -> {
                for (int i = 0; i < jobs; i++) {
                    racers.get(0).schedule(h, "nudge:" + i, NUDGE, "r" + i, T0);
                }
            });

            racers.forEach(SchedulerTest.this::start);

            Await.until(WAIT, jobs + " jobs' effects", () -> effects().size() >= jobs);
            racers.forEach(SchedulerTest.this::stop);
            assertThat(effects()).hasSize(jobs).doesNotHaveDuplicates();
            assertThat(runs).hasSize(jobs);
            assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
            int pending = jdbi.withHandle(
                    h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'job' AND status <> 'done'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(pending).isZero();
        }
    }
}
