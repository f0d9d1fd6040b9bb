package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} and {@code retry-failed}, as an operator runs them beside the bot. */
final class OperatorCommandsTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private Map<String, String> env;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void seed() {
        jdbi = TestDatabase.open(dir);
        env = TestDatabase.env(dir);
        jdbi.useHandle(h -> {
            h.execute("""
                    INSERT INTO bot_process (owner, host, pid, started_at, last_hello_at)
                    VALUES ('vm/42/abcd', 'vm', 42, '2026-11-25T09:00:00.000Z', '2026-11-25T09:00:01.000Z')
                    """);
            h.execute("""
                    INSERT INTO work (queue, work_key, kind, payload, for_user, status, due_at, attempts, uncertain,
                                      last_error, created_at, done_at)
                    VALUES ('outbox', 'context-card:V1', 'chat.postMessage', '{"text":"card","channel":"C1"}', 'U0CE',
                            'failed', '2026-11-25T09:00:00.000Z', 15, 1, 'channel_not_found',
                            '2026-11-25T09:00:00.000Z', '2026-11-25T09:30:00.000Z'),
                           ('outbox', 'dm:1', 'chat.postMessage', '{"text":"hi","channel":"U0CE"}', NULL,
                            'pending', '2026-11-25T09:00:00.000Z', 0, 0, NULL, '2026-11-25T09:00:00.000Z', NULL),
                           ('job', 'request:1:nudge-ack', 'request.unacknowledged', NULL, NULL,
                            'pending', '2099-01-01T17:00:00.000Z', 0, 0, NULL, '2026-11-25T09:00:00.000Z', NULL)
                    """);
        });
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void status_showsProcessesQueuesFailuresAndJobs_andSaysSoInItsExitCode() {
        int code = run("status");

        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(printed())
                .contains("vm/42/abcd  host vm, pid 42, running", "last hello from Slack")
                .containsPattern("outbox +pending +1")
                .containsPattern("outbox +failed +1")
                .contains("context-card:V1 (chat.postMessage) for U0CE, 15 attempt(s)", "channel_not_found")
                .contains("request:1:nudge-ack (request.unacknowledged) in ");
    }

    @Test
    void status_listsEveryRunningProcessOnEachHost_withItsLastHelloAndWhenItWasHeardFrom() {
        String now = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO bot_process (owner, host, pid, started_at, last_hello_at, last_seen_at, stopped_at, stop_reason)
                VALUES ('vm-b/7/b', 'vm-b', 7, '2026-11-25T09:00:00.000Z', '2026-11-25T09:00:02.000Z', ?, NULL, NULL),
                       ('vm-c/8/c', 'vm-c', 8, '2026-11-25T09:00:00.000Z', NULL, ?, NULL, NULL),
                       ('vm-d/9/d', 'vm-d', 9, '2026-11-24T09:00:00.000Z', NULL, NULL, '2026-11-24T10:00:00.000Z', 'stopped')
                """, now, now));

        run("status");

        assertThat(printed())
                .containsPattern("vm-b/7/b  host vm-b, pid 7, running, started .* ago .*, last hello from Slack .* ago"
                        + " \\(2026-11-25T09:00:02Z\\), heard from \\d+ s ago")
                .containsPattern(
                        "vm-c/8/c  host vm-c, pid 8, running, .*last hello from Slack never, heard from \\d+ s ago")
                .containsPattern(
                        "vm/42/abcd  host vm, pid 42, running\\? silent for \\d+ d .*\\(killed or cut off\\?\\)")
                .contains("vm-d/9/d  host vm-d, pid 9, stopped ");
        assertThat(printed().indexOf("vm-d/9/d"))
                .as("the stopped after the running")
                .isGreaterThan(printed().indexOf("vm/42/abcd"));
    }

    @Test
    void retryFailed_putsTheRowBack_keepingItsLookFirstMark_andStatusIsCleanAgain() {
        long id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM work WHERE work_key = 'context-card:V1'")
                .mapTo(Long.class)
                .one());

        int retried = run("retry-failed", "--id", Long.toString(id));
        String said = printed();
        int status = run("status");

        assertThat(retried).isZero();
        assertThat(said).contains("1 failed row(s) put back");
        assertThat(status).isZero();
        Map<String, Object> row =
                jdbi.withHandle(h -> h.createQuery("SELECT status, attempts, uncertain FROM work WHERE id = :id")
                        .bind("id", id)
                        .mapToMap()
                        .one());
        assertThat(row)
                .containsEntry("status", "pending")
                .containsEntry("attempts", 0)
                .containsEntry("uncertain", 1);
    }

    /**
     * A card that failed takes with it the replies that waited for it: they are put back with it.
     * Another failed row, and one waiting under another key, stay as they are.
     */
    @Test
    void retryFailed_ofACard_putsBackTheFailedRowsThatWaitedForIt_andNoOthers() {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO work (queue, work_key, kind, payload, after_key, status, due_at, attempts, uncertain,
                                  last_error, created_at, done_at)
                VALUES ('outbox', 'context-card:V1:reply', 'chat.postMessage', '{"text":"reply"}', 'context-card:V1',
                        'failed', '2026-11-25T09:00:00.000Z', 0, 0, 'waited for a card that failed',
                        '2026-11-25T09:00:00.000Z', '2026-11-25T09:30:00.000Z'),
                       ('outbox', 'context-card:V2:reply', 'chat.postMessage', '{"text":"reply"}', 'context-card:V2',
                        'failed', '2026-11-25T09:00:00.000Z', 0, 0, 'waited for a card that failed',
                        '2026-11-25T09:00:00.000Z', '2026-11-25T09:30:00.000Z'),
                       ('job', 'context-card:V1', 'request.unacknowledged', NULL, NULL,
                        'failed', '2026-11-25T09:00:00.000Z', 3, 0, 'boom',
                        '2026-11-25T09:00:00.000Z', '2026-11-25T09:30:00.000Z')
                """));
        long id = jdbi.withHandle(
                h -> h.createQuery("SELECT id FROM work WHERE queue = 'outbox' AND work_key = 'context-card:V1'")
                        .mapTo(Long.class)
                        .one());

        int code = run("retry-failed", "--id", Long.toString(id));

        assertThat(code).isZero();
        assertThat(printed()).contains("2 failed row(s) put back");
        List<String> rows = jdbi.withHandle(h -> h.createQuery("SELECT queue || ' ' || work_key || ' ' || status"
                        + " FROM work WHERE work_key LIKE 'context-card:%' ORDER BY queue, work_key")
                .mapTo(String.class)
                .list());
        assertThat(rows)
                .containsExactly(
                        "job context-card:V1 failed",
                        "outbox context-card:V1 pending",
                        "outbox context-card:V1:reply pending",
                        "outbox context-card:V2:reply failed");
    }

    @Test
    void retryFailed_ofARowThatHasNotFailed_changesNothing() {
        long id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM work WHERE work_key = 'dm:1'")
                .mapTo(Long.class)
                .one());

        int code = run("retry-failed", "--id=" + id);

        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has not failed (it is pending); nothing changed");
    }

    @Test
    void status_beforeAnyPurge_saysSo() {
        run("status");

        assertThat(printed()).contains("Last retention purge:\n  none has run on this database yet");
    }

    @Test
    void status_showsWhatTheLastDaysPurgeRemoved_itsPartsAddedUp() {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO retention_purge (day, finished_at, work_before, records_before, removed, complete) VALUES
                    ('2026-11-24', '2026-11-24T03:30:05.000Z', '2026-10-25T03:30:00.000Z', NULL,
                     '[{"what":"delivered Slack writes","rows":9}]', 1),
                    ('2026-11-25', '2026-11-25T03:30:20.000Z', '2026-10-26T03:30:00.000Z',
                     '2025-11-25T03:30:00.000Z',
                     '[{"what":"delivered Slack writes","rows":1000},{"what":"jobs run or cancelled","rows":0}]', 0),
                    ('2026-11-25', '2026-11-25T03:31:22.000Z', '2026-10-26T03:31:20.000Z',
                     '2025-11-25T03:31:20.000Z',
                     '[{"what":"delivered Slack writes","rows":204},{"what":"SDR questions: answered questions","rows":3}]',
                     1)
                """));

        run("status");

        assertThat(printed())
                .contains("Last retention purge:\n  2026-11-25, finished ")
                .contains("(2026-11-25T03:31:22Z): finished work from before 2026-10-26T03:30:00Z, finished records"
                        + " from before 2025-11-25T03:30:00Z")
                .contains("     1204 delivered Slack writes\n        3 SDR questions: answered questions")
                .doesNotContain("jobs run or cancelled")
                .doesNotContain("not through yet");
    }
}
