package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three packaged bots on one PostgreSQL, each with a Socket Mode connection of its own, Slack
 * handing envelopes to the connections in turn and a retry to another connection than the first:
 * a burst of request and context forms (some adding to a card already there), then one bot killed
 * with SIGKILL mid-burst, whose claims the other two take over once their leases run out, then a
 * rolling restart of the others. Every acked form is stored once, every card, thread note and DM
 * is posted once, and the requests' reminders, due at once on all three, each run once; {@code status} lists the instances with their hosts and last hellos, and no bot logs a stack trace.
 */
final class ThreeInstancesIT {

    /** Above the packaged bot's one-minute lease, which the kill makes the others wait out. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final Duration STOP_BOUND = Duration.ofSeconds(30);
    private static final DateTimeFormatter STORED_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    @BeforeAll
    static void onPostgresql() {
        assumeTrue(
                TestDatabase.postgresql(),
                "several instances share a PostgreSQL; this runs in the PostgreSQL execution");
    }

    @Test
    void threeInstances_burstThenKillThenRollingRestart_eachFormStoredOnce_eachCardNoteAndDmOnce_statusListsThem() {
        BotHarness harness = bots.harness();
        ChildBot a = bots.start("a");
        ChildBot b = bots.start("b");
        ChildBot c = bots.start("c");
        harness.slack.awaitConnections(3, WAIT);
        harness.slack.deliverRoundRobin(true);

        // 1. Request and context forms in one burst; every third is retried by Slack at once, and
        // the retry, sent next, goes to the next connection in turn.
        Burst requests = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.REQUEST, "TR", 30, 30_000);
        Burst contexts = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "TC", 30, 31_000);
        requests.openModals(WAIT);
        contexts.openModals(WAIT);
        int retried = 0;
        for (int i = 0; i < 30; i++) {
            for (Burst burst : List.of(requests, contexts)) {
                Burst.Form f = burst.forms().get(i);
                String envelope = burst.submit(f);
                if (i % 3 == 0) {
                    harness.slack.resend(envelope);
                    retried++;
                }
            }
        }
        Settled first = settle(harness, requests).plus(settle(harness, contexts));
        awaitCardsAndDms(requests);
        awaitCardsAndDms(contexts);
        // More context for the first 15 of those tickets: a note in each card's thread, not a card.
        Burst notes = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "TN", 15, 31_000);
        notes.openModals(WAIT);
        notes.submitAll();
        Settled noted = settle(harness, notes);
        Await.until(
                WAIT,
                "a thread note and a DM for every added context",
                () -> notes.forms().stream().allMatch(f -> notes.threadNotes(f) >= 1 && notes.addedToThread(f) >= 1));
        harness.awaitWorkDone(WAIT);
        Map<Integer, Integer> perSocket = harness.slack.deliveredPerSocket();
        assertThat(perSocket.values())
                .as("each connection took part of the burst")
                .hasSize(3)
                .allMatch(n -> n >= 20);
        assertEachOnce(
                requests,
                "30 request forms over three instances' sockets, every third retried at once",
                "envelopes per socket: " + perSocket + "; Slack retries: " + retried + ", " + first);
        assertEachOnce(contexts, "30 context forms in the same burst", "");
        assertNotesOnce(notes, noted);

        // The requests' reminders all fall due now, while one instance is killed below: each runs once.
        int reminderJobs = Burst.count(
                harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue = 'job'"
                        + " AND status = 'pending' AND kind = 'request.unacknowledged'");
        execute(
                harness,
                "UPDATE work SET due_at = '" + STORED_INSTANT.format(Instant.now()) + "' WHERE queue = 'job'"
                        + " AND status = 'pending' AND kind = 'request.unacknowledged'");

        // 2. SIGKILL one instance mid-burst: what it had claimed waits out its lease, then the
        // others do it; what died unacked with its socket Slack sends again, to another.
        Burst killed = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "TK", 45, 32_000);
        killed.openModals(WAIT);
        CompletableFuture<Void> sending = killed.submitPaced(killed.forms(), Duration.ofMillis(30));
        killed.awaitAccepted(15, WAIT);
        a.kill();
        List<String> claimedByA = Burst.query(
                harness.databaseFile(),
                "SELECT CAST(id AS TEXT) FROM work"
                        + " WHERE status = 'pending' AND lease_owner IN (SELECT owner FROM bot_process WHERE pid = "
                        + a.pid() + ")");
        List<Burst.Form> ackedBeforeKill = killed.accepted();
        sending.join();
        assertThat(killed.inInbox())
                .as("every form acked before the kill was stored")
                .containsAll(ackedBeforeKill);
        Settled afterKill = settle(harness, killed);
        awaitCardsAndDms(killed);
        harness.awaitWorkDone(WAIT);
        if (!claimedByA.isEmpty()) {
            assertThat(Burst.count(
                            harness.databaseFile(),
                            "SELECT COUNT(*) FROM work WHERE status <> 'done' AND id IN ("
                                    + String.join(",", claimedByA) + ")"))
                    .as("what the killed instance had claimed, done by the others")
                    .isZero();
        }
        Await.until(
                WAIT,
                "every reminder job done",
                () -> Burst.count(
                                harness.databaseFile(),
                                "SELECT COUNT(*) FROM work"
                                        + " WHERE queue = 'job' AND kind = 'request.unacknowledged' AND status = 'done'")
                        == reminderJobs);
        Await.until(
                WAIT,
                "a reminder under every request's card",
                () -> requests.forms().stream()
                        .allMatch(f -> requests.replies(f, m -> m.text().contains("Reminder")) >= 1));
        harness.awaitWorkDone(WAIT);
        assertThat(reminderJobs).as("one reminder job per request").isEqualTo(30);
        assertThat(requests.forms())
                .as("one reminder in each request's thread, not one per instance")
                .allSatisfy(f -> assertThat(requests.replies(f, m -> m.text().contains("Reminder")))
                        .isEqualTo(1));
        assertEachOnce(
                killed,
                "45 context forms, one every 30 ms; SIGKILL of one of three after 15 acks",
                "acked before the kill: " + ackedBeforeKill.size() + "; rows the killed one had claimed: "
                        + claimedByA.size() + "; " + afterKill);

        // 3. A rolling restart under a steady trickle of forms: the killed one's replacement, then
        // each of the others stopped with SIGTERM and replaced.
        Burst rolling = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "TS", 40, 33_000);
        rolling.openModals(WAIT);
        CompletableFuture<Void> trickle = rolling.submitPaced(rolling.forms().subList(0, 30), Duration.ofMillis(300));
        ChildBot a2 = bots.start("a2");
        b.terminate();
        int bExit = b.awaitExit(STOP_BOUND);
        ChildBot b2 = bots.start("b2");
        c.terminate();
        int cExit = c.awaitExit(STOP_BOUND);
        ChildBot c2 = bots.start("c2");
        trickle.join();
        // The last ten once every replacement is up, so each new connection takes some.
        rolling.forms().subList(30, 40).forEach(rolling::submit);
        Settled afterRestart = settle(harness, rolling);
        awaitCardsAndDms(rolling);
        harness.awaitWorkDone(WAIT);
        assertThat(List.of(bExit, cExit)).as("exit codes after SIGTERM").containsOnly(0);
        Map<Integer, Integer> perSocketAfter = harness.slack.deliveredPerSocket();
        assertThat(perSocketAfter)
                .as("the three replacements' connections (4 to 6) took envelopes")
                .hasSize(6)
                .allSatisfy((socket, n) -> assertThat(n).isPositive());
        assertEachOnce(
                rolling,
                "30 context forms, one every 300 ms, through a rolling restart of three instances, then 10",
                "envelopes per socket: " + perSocketAfter + "; " + afterRestart);

        // 4. status, as an operator runs it beside them.
        ChildBot status = ChildBot.start("status", harness.env(), bots.dir(), "status");
        assertThat(status.awaitExit(ChildBot.START))
                .as("status exit code; said:\n" + status.log())
                .isZero();
        String said = status.log();
        for (ChildBot running : List.of(a2, b2, c2)) {
            assertThat(said)
                    .as("status lists " + running.name())
                    .containsPattern("host \\S+, pid " + running.pid()
                            + ", running, started .*, last hello from Slack ([^,]* ago .*|just now),"
                            + " heard from (\\d+ s ago|just now)");
        }
        assertThat(said)
                .contains(
                        "pid " + b.pid() + ", stopped ",
                        "pid " + c.pid() + ", stopped ",
                        "pid " + a.pid() + ", gone, found ");
        System.out.println("[fault-suite] " + bots.test() + ": status after the rolling restart\n" + said);

        int overlapped = 0;
        for (ChildBot bot : List.of(a, b, c, a2, b2, c2)) {
            List<String> markers = new ArrayList<>();
            for (Burst burst : List.of(requests, contexts, notes, killed, rolling)) {
                markers.addAll(burst.markers());
            }
            bot.assertCleanLog(markers);
            overlapped += (int) bot.log()
                    .lines()
                    .filter(l -> l.contains("SQLSTATE 40001") && l.contains("next try in"))
                    .count();
        }
        System.out.println("  notes: attempts PostgreSQL still refused as overlapping after the store's retries,"
                + " run again by the queue: " + overlapped);
    }

    private static void execute(BotHarness harness, String sql) {
        try (Connection c = TestDatabase.connect(harness.databaseFile());
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** What it took for every form to be acked. */
    private record Settled(int resent, int pressedAgain) {
        Settled plus(Settled other) {
            return new Settled(resent + other.resent, pressedAgain + other.pressedAgain);
        }

        @Override
        public String toString() {
            return "sent again by Slack after their socket closed unacked: " + resent
                    + ", refused in the ack and submitted again: " + pressedAgain;
        }
    }

    /**
     * Until every form is acked: what died unacked with its socket Slack sends again (once), and a
     * person whose Submit was refused ("not saved, try again") presses it again.
     */
    private static Settled settle(BotHarness harness, Burst burst) {
        Set<String> resent = new HashSet<>();
        AtomicInteger pressedAgain = new AtomicInteger();
        Await.until(WAIT, () -> "an ack for every form: " + burst.describe(), () -> {
            Set<String> lost = harness.slack.envelopesLostWithTheirSocket();
            for (Burst.Form f : burst.forms()) {
                String last = Burst.last(f);
                if (burst.accepted(f)) {
                    continue;
                }
                if (lost.contains(last)) {
                    if (resent.add(last)) {
                        burst.resendLast(f);
                    }
                } else if (burst.answered(f)) {
                    burst.submit(f);
                    pressedAgain.incrementAndGet();
                }
            }
            return burst.accepted().size() == burst.forms().size();
        });
        return new Settled(resent.size(), pressedAgain.get());
    }

    private static void awaitCardsAndDms(Burst burst) {
        Await.until(
                WAIT,
                () -> "a card and a DM for every form: " + burst.describe(),
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
    }

    private void assertEachOnce(Burst burst, String scenario, String notes) {
        burst.assertEachExactlyOnce(burst.print(bots.test(), scenario, notes));
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }

    private static Map<String, Integer> sentAndAcked(Burst burst) {
        Map<String, Integer> row = new LinkedHashMap<>();
        row.put("sent", burst.forms().size());
        row.put("acked", burst.accepted().size());
        return row;
    }

    /** Context added to a card already there: stored once, one note in its thread, one DM saying so, no card. */
    private void assertNotesOnce(Burst notes, Settled settled) {
        Map<String, Integer> stored = notes.stored();
        int threadNotes = notes.forms().stream().mapToInt(notes::threadNotes).sum();
        int dms = notes.forms().stream().mapToInt(notes::addedToThread).sum();
        int cards = notes.forms().stream().mapToInt(notes::cards).sum();
        int storedRows = stored.values().stream().mapToInt(Integer::intValue).sum();
        Burst.printTable(
                bots.test(),
                "15 more context forms on tickets with a card",
                sentAndAcked(notes),
                settled + "; stored: " + storedRows + ", thread notes: " + threadNotes + ", DMs: " + dms + ", cards: "
                        + cards);
        assertThat(notes.accepted()).hasSize(15);
        assertThat(stored)
                .as("each stored once")
                .hasSize(15)
                .allSatisfy((marker, rows) -> assertThat(rows).isEqualTo(1));
        assertThat(notes.forms())
                .as("one note and one DM each")
                .allSatisfy(f -> assertThat(List.of(notes.threadNotes(f), notes.addedToThread(f)))
                        .containsOnly(1));
        assertThat(cards).as("no second card for a ticket").isZero();
    }
}
