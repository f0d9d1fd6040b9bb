package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two packaged bots on one database file, Slack spreading a burst over both sockets: every card
 * and DM lands once, whichever process took the form and whichever posts it, and every scheduled
 * job (the requests' reminders, the daily purge) runs once.
 */
final class TwoProcessesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter STORED_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    private BotHarness harness;

    @BeforeEach
    void start() {
        harness = bots.harness();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(harness.databaseFile());
                Statement s = c.createStatement()) {
            if (!TestDatabase.postgresql()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            s.executeUpdate(sql);
        }
    }

    private static long lines(ChildBot bot, String text) {
        return bot.log().lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void burstSpreadOverTwoProcesses_eachCardAndDmOnce_andEachScheduledJobOnce() throws Exception {
        ChildBot a = bots.start("a");
        ChildBot b = bots.start("b");
        harness.slack.awaitConnections(2, WAIT);
        harness.slack.deliverRoundRobin(true);
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.REQUEST, "TP", 40, 10_000);
        burst.openModals(WAIT);

        burst.submitAll();
        burst.awaitAnswered(WAIT);
        // Anyone the store could not take in time (the other process writing) presses Submit again.
        List<Burst.Form> refused = burst.notAccepted();
        refused.forEach(burst::submit);
        Await.until(
                WAIT,
                "an ack for every form",
                () -> burst.accepted().size() == burst.forms().size());
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);
        Map<Integer, Integer> perSocket = harness.slack.deliveredPerSocket();
        assertThat(perSocket.values())
                .as("both sockets took part of the burst")
                .hasSize(2)
                .allMatch(n -> n >= 20);

        // The requests' reminders fall due one every 0.4 s over 16 s, longer than the 15 s between
        // two job polls of a process, so both processes find some due. (Each process also
        // scheduled the daily purge at its start, under one key per day.)
        List<String> reminderKeys = Burst.query(
                harness.databaseFile(),
                "SELECT work_key FROM work WHERE queue = 'job'"
                        + " AND status = 'pending' AND kind = 'request.unacknowledged' ORDER BY id");
        Instant first = Instant.now();
        for (int i = 0; i < reminderKeys.size(); i++) {
            execute("UPDATE work SET due_at = '" + STORED_INSTANT.format(first.plusMillis(400L * i))
                    + "' WHERE queue = 'job'" + " AND work_key = '" + reminderKeys.get(i) + "'");
        }
        int jobs = reminderKeys.size();
        Await.until(
                WAIT,
                "every reminder job done",
                () -> Burst.count(
                                harness.databaseFile(),
                                "SELECT COUNT(*) FROM work WHERE queue = 'job' AND kind = 'request.unacknowledged' AND status = 'done'")
                        == jobs);
        Await.until(
                WAIT,
                "a reminder under every card",
                () -> burst.forms().stream()
                        .allMatch(f -> burst.replies(f, m -> m.text().contains("Reminder")) >= 1));
        harness.awaitWorkDone(WAIT);

        int reminders = burst.forms().stream()
                .mapToInt(f -> burst.replies(f, m -> m.text().contains("Reminder")))
                .sum();
        long jobsByA = lines(a, "(request.unacknowledged) done in");
        long jobsByB = lines(b, "(request.unacknowledged) done in");
        // The purge of each day runs once (today's already, unless it is before 03:00 UTC); a run
        // schedules the next day's.
        Map<String, Long> purgesRun = java.util.stream.Stream.of(a, b)
                .flatMap(c -> c.log().lines())
                .filter(l -> l.contains("(deliveries.purge) done in"))
                .map(l -> l.replaceAll(".*job (deliveries\\.purge:\\S+) .*", "$1"))
                .collect(java.util.stream.Collectors.groupingBy(
                        k -> k, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        long formsByA = lines(a, "ViewSubmission support_ticket_request");
        long formsByB = lines(b, "ViewSubmission support_ticket_request");
        long cardsByA = lines(a, "outbox request-card:");
        long cardsByB = lines(b, "outbox request-card:");
        Burst.Tally t = burst.print(
                bots.test(),
                "40 request forms, envelopes round-robin over two processes' sockets; then 40"
                        + " reminders fall due over 16 s",
                "envelopes per socket: " + perSocket + "; submissions handled by a/b: " + formsByA + "/" + formsByB
                        + "; cards posted by a/b: " + cardsByA + "/" + cardsByB
                        + "; refused in the ack and sent again: " + refused.size() + "; jobs due: " + jobs
                        + ", reminders run by a/b: " + jobsByA + "/" + jobsByB + ", purge runs per day: " + purgesRun
                        + "; reminders in threads: " + reminders);
        burst.assertEachExactlyOnce(t);
        assertThat(reminders).as("one reminder per request").isEqualTo(40);
        assertThat(jobsByA + jobsByB).as("each reminder job ran in one process").isEqualTo(40);
        assertThat(purgesRun)
                .as("each day's purge ran once")
                .allSatisfy((day, runs) -> assertThat(runs).isEqualTo(1));
        assertThat(
                        Burst.count(
                                harness.databaseFile(),
                                "SELECT COUNT(*) FROM work WHERE queue = 'job' AND kind = 'deliveries.purge' AND status = 'pending'"))
                .as("one next purge scheduled, not one per process")
                .isEqualTo(1);
        a.assertCleanLog(burst.markers());
        b.assertCleanLog(burst.markers());
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }
}
