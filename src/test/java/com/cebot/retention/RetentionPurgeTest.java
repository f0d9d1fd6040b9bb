package com.cebot.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Main;
import com.cebot.config.BotConfig;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import com.cebot.schedule.Scheduler;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.cebot.work.WorkQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily retention purge on a real store, with every workflow's own purge. */
final class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:30:00Z");
    private static final String OLD = "2026-10-01T10:00:00.000Z";
    private static final String RECENT = "2026-11-25T10:00:00.000Z";
    private static final String RESULT = "{\"channel\":\"C1\",\"ts\":\"1.2\"}";

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofHours(1)));
    private WorkQueue jobs;
    private Scheduler scheduler;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
        jobs = TestQueues.queue("job", jdbi, clock);
        scheduler = new Scheduler(jobs);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO customer (id, name, name_key, created_at) VALUES (1, 'Acme', 'acme', ?)", OLD));
    }

    private static List<StoredRecords> workflows() {
        return Main.features().stream().map(Feature::records).toList();
    }

    private RetentionPurge purge(BotConfig.Retention retention, int batch, Duration budget) {
        RetentionPurge purge = new RetentionPurge(scheduler, jdbi, clock, retention, workflows(), batch, budget);
        purge.start();
        clock.set(NOW);
        return purge;
    }

    private static void work(
            Handle h, String queue, String key, String status, String doneAt, String afterKey, String payload) {
        h.createUpdate("""
                INSERT INTO work (queue, work_key, kind, payload, for_user, after_key, status, due_at, result,
                                  created_at, done_at)
                VALUES (:queue, :key, :kind, :payload, :forUser, :afterKey, :status, :at, :result, :at, :doneAt)
                """)
                .bind("queue", queue)
                .bind("key", key)
                .bind(
                        "kind",
                        switch (queue) {
                            case "outbox" -> "chat.postMessage";
                            case "job" -> "test.job";
                            default -> "context";
                        })
                .bind("payload", payload)
                .bind("forUser", "outbox".equals(queue) ? "U0CE" : null)
                .bind("afterKey", afterKey)
                .bind("status", status)
                .bind("at", doneAt == null ? OLD : doneAt)
                .bind("result", "done".equals(status) && "outbox".equals(queue) ? RESULT : null)
                .bind("doneAt", "pending".equals(status) ? null : doneAt)
                .execute();
    }

    private Map<String, Object> row(String key) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT work_key, payload, for_user, result FROM work WHERE work_key = ?")
                        .bind(0, key)
                        .mapToMap()
                        .findOne()
                        .orElse(null));
    }

    private List<String> keys(String queue) {
        return jdbi.withHandle(h -> h.createQuery("SELECT work_key FROM work WHERE queue = ? ORDER BY id")
                .bind(0, queue)
                .mapTo(String.class)
                .list());
    }

    private List<String> column(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }

    private static Map<String, Integer> removed(PurgeRuns.LastPurge last) {
        return last.removed().stream().collect(Collectors.toMap(Count::what, Count::rows));
    }

    @Test
    void finishedWork_goesAfterWorkDays_butPostsStillRepliedUnderKeepTheirPlace_withoutTheirText() {
        jdbi.useHandle(h -> {
            work(h, "outbox", "dm:old", "done", OLD, null, "{\"channel\":\"U0CE\",\"text\":\"a secret DM\"}");
            work(h, "job", "job:old", "done", OLD, null, null);
            work(h, "job", "job:cancelled", "cancelled", OLD, null, null);
            work(h, "inbox", "view:V1", "done", OLD, null, "{\"background\":\"typed\"}");
            work(h, "outbox", "dm:recent", "done", RECENT, null, "{\"text\":\"recent\"}");
            work(h, "outbox", "dm:pending", "pending", null, null, "{\"text\":\"waits\"}");
            work(h, "outbox", "dm:failed", "failed", OLD, null, "{\"text\":\"failed\"}");
            h.execute(
                    "INSERT INTO context_card (customer_id, card_key, created_at, state)"
                            + " VALUES (1, 'context-card:V9', ?, 'posted')",
                    OLD);
            work(h, "outbox", "context-card:V9", "done", OLD, null, "{\"text\":\"a card nobody took yet\"}");
            work(h, "outbox", "post:waited-on", "done", OLD, null, "{\"text\":\"a post\"}");
            work(h, "outbox", "reply:waiting", "pending", null, "post:waited-on", "{\"text\":\"a reply\"}");
            work(h, "outbox", "post:failed-reply", "done", OLD, null, "{\"text\":\"a post\"}");
            work(h, "outbox", "reply:failed", "failed", OLD, "post:failed-reply", "{\"text\":\"a reply\"}");
            work(h, "outbox", "post:done-thread", "done", OLD, null, "{\"text\":\"a post\"}");
            work(h, "outbox", "reply:done", "done", OLD, "post:done-thread", "{\"text\":\"a reply\"}");
        });
        purge(BotConfig.Retention.DEFAULT, 500, RetentionPurge.BUDGET);

        assertThat(jobs.runOnce()).isEqualTo(1);

        assertThat(keys("outbox"))
                .containsExactly(
                        "dm:recent",
                        "dm:pending",
                        "dm:failed",
                        "context-card:V9",
                        "post:waited-on",
                        "reply:waiting",
                        "post:failed-reply",
                        "reply:failed");
        assertThat(keys("inbox")).isEmpty();
        assertThat(keys("job")).containsExactly("retention.purge:2026-12-01", "retention.purge:2026-12-02");
        for (String anchor : List.of("context-card:V9", "post:waited-on", "post:failed-reply")) {
            assertThat(row(anchor))
                    .as(anchor)
                    .containsEntry("payload", null)
                    .containsEntry("for_user", null)
                    .containsEntry("result", RESULT);
        }
        assertThat(row("dm:recent").get("payload")).isNotNull();
        assertThat(row("dm:failed").get("payload"))
                .as("retry-failed sends it again")
                .isNotNull();
        PurgeRuns.LastPurge last = PurgeRuns.last(jdbi).orElseThrow();
        assertThat(last.complete()).isTrue();
        assertThat(last.workBefore()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(last.recordsBefore()).isNull();
        assertThat(removed(last))
                .containsEntry("delivered Slack writes", 3)
                .containsEntry("jobs run or cancelled", 2)
                .containsEntry("submissions processed", 1)
                .containsEntry("posts kept for later replies and updates, their text removed", 3);
    }

    @Test
    void aPurgeOutOfTime_goesOnInFurtherParts_aBatchATime_untilEverythingOldIsGone() {
        jdbi.useHandle(h -> {
            for (int i = 0; i < 7; i++) {
                work(h, "job", "job:" + i, "done", OLD, null, null);
            }
        });
        purge(BotConfig.Retention.DEFAULT, 2, Duration.ZERO);

        jobs.runOnce();

        assertThat(keys("job"))
                .as("one batch of two, then out of time")
                .containsExactly(
                        "job:2",
                        "job:3",
                        "job:4",
                        "job:5",
                        "job:6",
                        "retention.purge:2026-12-01",
                        "retention.purge:2026-12-01:2");
        assertThat(PurgeRuns.last(jdbi).orElseThrow().complete()).isFalse();
        for (int part = 2; part <= 4; part++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(jobs.runOnce()).as("part %d", part).isEqualTo(1);
        }

        assertThat(keys("job")).noneMatch(k -> k.startsWith("job:"));
        assertThat(keys("job")).last().isEqualTo("retention.purge:2026-12-02");
        PurgeRuns.LastPurge day = PurgeRuns.last(jdbi).orElseThrow();
        assertThat(day.complete()).isTrue();
        assertThat(removed(day)).as("the day's parts added up").containsEntry("jobs run or cancelled", 7);
    }

    @Test
    void withRecordsDays_finishedRecordsGo_withWhatHangsOffThem_andOpenOnesStay_howeverOld() {
        jdbi.useHandle(h -> {
            // Context: taken long ago; nobody took it; taken long ago but added to lately.
            h.execute("""
                    INSERT INTO context_card (id, customer_id, card_key, assignee, assigned_at, created_at, state)
                    VALUES
                        (1, 1, 'context-card:taken', 'U0AE', :old, :old, 'posted'),
                        (2, 1, 'context-card:open', NULL, NULL, :old, 'posted'),
                        (3, 1, 'context-card:lately', 'U0AE', :old, :old, 'posted')
                    """.replace(":old", "'" + OLD + "'"));
            h.execute("INSERT INTO ticket_card (ticket_key, card_id) VALUES ('zendesk:1', 1), ('zendesk:2', 2)");
            h.execute("""
                    INSERT INTO support_context (submission_key, card_id, customer_id, submitted_by, links, background,
                                                 created_at)
                    VALUES ('V1', 1, 1, 'U0CE', '[]', 'b', :old), ('V2', 2, 1, 'U0CE', '[]', 'b', :old),
                           ('V3', 3, 1, 'U0CE', '[]', 'b', :old), ('V4', 3, 1, 'U0CE', '[]', 'b', :recent)
                    """.replace(":old", "'" + OLD + "'").replace(":recent", "'" + RECENT + "'"));
            work(h, "outbox", "context-card:taken", "done", OLD, null, "{\"text\":\"card\"}");
            work(h, "outbox", "context-card:open", "done", OLD, null, "{\"text\":\"card\"}");
            // Requests: declined long ago; approved (still to be marked done); open; done lately.
            for (String[] r : List.of(
                    new String[] {"1", "declined", OLD},
                    new String[] {"2", "approved", OLD},
                    new String[] {"3", "open", OLD},
                    new String[] {"4", "done", RECENT})) {
                h.execute("""
                        INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why,
                                                     if_not, status, card_key, created_at)
                        VALUES (?, ?, 1, 'U0CE', '[]', 'ask', 'why', 'if not', ?, ?, ?)
                        """, Long.parseLong(r[0]), "R" + r[0], r[1], "request-card:" + r[0], OLD);
                h.execute(
                        "INSERT INTO request_event (request_id, status, actor, at) VALUES (?, ?, 'U0HEAD', ?)",
                        Long.parseLong(r[0]),
                        r[1],
                        r[2]);
            }
            // Time off: over long ago; cancelled long ago; still to come.
            h.execute("""
                    INSERT INTO ooo_period (id, submission_key, person, zone, first_day, last_day, coverers, customers,
                                            cancelled_at, created_at) VALUES
                        (1, 'O1', 'U0CE', 'UTC', '2026-09-20', '2026-09-25', 'U0AE', '[]', NULL, :old),
                        (2, 'O2', 'U0CE', 'UTC', '2027-01-04', '2027-01-08', 'U0AE', '[]', :old, :old),
                        (3, 'O3', 'U0CE', 'UTC', '2026-12-20', '2026-12-24', 'U0AE', '[]', NULL, :old)
                    """.replace(":old", "'" + OLD + "'"));
            h.execute(
                    "INSERT INTO ooo_step (period_id, step, ticked_at) VALUES (1, 'pto', ?), (3, 'pto', ?)", OLD, OLD);
            h.execute("INSERT INTO ooo_note (period_id, note_key, what, at) VALUES (1, 'n1', 'a note', ?)", OLD);
            // SDR questions: answered long ago; open since long ago; answered lately.
            h.execute("""
                    INSERT INTO sdr_question (id, channel, ts, asker, source, question_key, reply_key, status,
                                              answered_at, asked_at) VALUES
                        (1, 'C1', '1.1', 'U0SDR', 'message', 'q1', 'q1:reply', 'answered', :old, :old),
                        (2, 'C1', '1.2', 'U0SDR', 'message', 'q2', 'q2:reply', 'open', NULL, :old),
                        (3, 'C1', '1.3', 'U0SDR', 'message', 'q3', 'q3:reply', 'answered', :recent, :old)
                    """.replace(":old", "'" + OLD + "'").replace(":recent", "'" + RECENT + "'"));
            h.execute(
                    "INSERT INTO sdr_question_event (question_id, action, actor, at)"
                            + " VALUES (1, 'answered', 'U0CE1', ?)",
                    OLD);
            h.execute("INSERT INTO sdr_question_skip (question_id, user_id) VALUES (1, 'U0CE2')");
            // Product feedback: a gap resolved long ago; one still open since long ago.
            h.execute("""
                    INSERT INTO feedback_gap (id, title, title_key, category, status, card_key, created_at) VALUES
                        (1, 'SSO', 'sso', 'Search', 'resolved', 'feedback-gap:V1', :old),
                        (2, 'Audit logs', 'audit logs', 'Search', 'open', 'feedback-gap:V2', :old)
                    """.replace(":old", "'" + OLD + "'"));
            h.execute(
                    "INSERT INTO feedback_gap_event (gap_id, action, status, actor, at) VALUES"
                            + " (1, 'status', 'resolved', 'U0PM', ?)",
                    OLD);
            h.execute("""
                    INSERT INTO feedback_submission (share_key, gap_id, customer_id, shared_by, anonymous, need,
                                                     severity, created_at)
                    VALUES ('S1', 1, 1, 'U0CE', 0, 'need', 'major', :old),
                           ('S2', 2, 1, 'U0CE', 1, 'need', 'minor', :old)
                    """.replace(":old", "'" + OLD + "'"));
        });
        purge(new BotConfig.Retention(30, OptionalInt.of(30)), 500, RetentionPurge.BUDGET);

        jobs.runOnce();

        assertThat(column("SELECT card_key FROM context_card ORDER BY id"))
                .containsExactly("context-card:open", "context-card:lately");
        assertThat(count("support_context")).isEqualTo(3);
        assertThat(count("ticket_card")).isEqualTo(1);
        assertThat(column("SELECT status FROM support_request ORDER BY id"))
                .containsExactly("approved", "open", "done");
        assertThat(count("request_event")).isEqualTo(3);
        assertThat(column("SELECT id FROM ooo_period")).containsExactly("3");
        assertThat(count("ooo_step")).isEqualTo(1);
        assertThat(count("ooo_note")).isZero();
        assertThat(column("SELECT id FROM sdr_question ORDER BY id")).containsExactly("2", "3");
        assertThat(count("sdr_question_event")).isZero();
        assertThat(count("sdr_question_skip")).isZero();
        assertThat(column("SELECT share_key FROM feedback_submission")).containsExactly("S2");
        assertThat(count("feedback_gap"))
                .as("gaps are the product team's, and stay")
                .isEqualTo(2);
        assertThat(keys("outbox"))
                .as("the purged card's post goes the same day; the open card's keeps its place")
                .containsExactly("context-card:open");
        PurgeRuns.LastPurge last = PurgeRuns.last(jdbi).orElseThrow();
        assertThat(last.recordsBefore()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(removed(last))
                .containsEntry("Support Ticket Context: cards", 1)
                .containsEntry("Support Ticket Context: contexts", 1)
                .containsEntry("Support Ticket Request: requests", 1)
                .containsEntry("Support Ticket Request: moves", 1)
                .containsEntry("OOO: periods of time off", 2)
                .containsEntry("SDR questions: answered questions", 1)
                .containsEntry("delivered Slack writes", 1)
                .containsEntry("Product feedback: needs shared to gaps resolved or not to be done", 1);
    }

    @Test
    void withoutRecordsDays_recordsAreKept() {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO sdr_question (channel, ts, asker, source, question_key, reply_key, status, answered_at,
                                          asked_at)
                VALUES ('C1', '1.1', 'U0SDR', 'message', 'q1', 'q1:reply', 'answered', ?, ?)
                """, OLD, OLD));
        purge(BotConfig.Retention.DEFAULT, 500, RetentionPurge.BUDGET);

        jobs.runOnce();

        assertThat(count("sdr_question")).isEqualTo(1);
        assertThat(PurgeRuns.last(jdbi).orElseThrow().recordsBefore()).isNull();
    }

    @Test
    void itRunsDaily_andOnce_scheduledAgainByEachStart() {
        RetentionPurge purge = new RetentionPurge(scheduler, jdbi, clock, BotConfig.Retention.DEFAULT, workflows());
        purge.start();
        purge.start();

        clock.set(NOW.minus(Duration.ofMinutes(1)));
        assertThat(jobs.runOnce()).as("not before 03:30 UTC").isZero();
        clock.set(NOW);
        assertThat(jobs.runOnce()).isEqualTo(1);
        assertThat(jobs.runOnce()).isZero();

        assertThat(PurgeRuns.last(jdbi).orElseThrow().day()).hasToString("2026-12-01");
        assertThat(column("SELECT work_key FROM work WHERE status = 'pending'"))
                .containsExactly("retention.purge:2026-12-02");
    }
}
