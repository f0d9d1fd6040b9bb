package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM (a deploy, systemd, Docker) in the middle of a burst: the envelopes the bot had taken
 * are still acked, every acked form is stored, the process exits 0 within a bound and logs no
 * stack trace; started again, it posts everything stored exactly once.
 */
final class SigtermMidBurstIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Socket drain (10 s) plus each queue's attempt in hand: a stop takes far less when Slack answers. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    private BotHarness harness;

    @BeforeEach
    void start() {
        harness = bots.harness();
    }

    @Test
    void sigtermMidBurst_acksWhatItTook_storesEveryAckedForm_exits0_andPostsEachOnceAfterRestart() {
        ChildBot first = bots.start("first");
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "ST", 60, 11_000);
        burst.openModals(WAIT);

        // One form every 10 ms; SIGTERM once 20 are acked, while the rest keep coming.
        CompletableFuture<Void> sending = burst.submitPaced(burst.forms(), Duration.ofMillis(10));
        burst.awaitAccepted(20, WAIT);
        long signalled = System.nanoTime();
        first.terminate();
        int exit = first.awaitExit(STOP_BOUND);
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
        sending.join();

        List<Burst.Form> acked = burst.accepted();
        List<Burst.Form> stored = burst.inInbox();
        assertThat(exit).as("exit code after SIGTERM; log:\n" + first.log()).isZero();
        assertThat(stored).as("every acked form was stored").containsAll(acked);
        assertThat(acked)
                .as("every form the bot stored was acked: handlers running at SIGTERM sent their acks")
                .containsAll(stored);
        first.assertCleanLog(burst.markers());

        ChildBot restarted = bots.start("restarted");
        Await.until(
                WAIT,
                "every envelope acked or lost with the closed socket",
                () -> burst.forms().stream()
                        .allMatch(f -> burst.answered(f)
                                || harness.slack.envelopesLostWithTheirSocket().contains(Burst.last(f))));
        List<Burst.Form> resent =
                burst.forms().stream().filter(f -> !burst.answered(f)).toList();
        resent.forEach(burst::resendLast);
        Await.until(
                WAIT,
                "an ack for every form",
                () -> burst.accepted().size() == burst.forms().size());
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);

        String dropped = first.log()
                .lines()
                .filter(l -> l.contains("Dropped") && l.contains("envelope"))
                .findFirst()
                .map(l -> l.replaceAll(".* - ", ""))
                .orElse("none dropped");
        Burst.Tally t = burst.print(
                bots.test(),
                "60 context forms, one every 10 ms; SIGTERM after 20 acks, then a restart",
                "exit code " + exit + " after " + stopping.toMillis() + " ms; acked before the stop: " + acked.size()
                        + ", stored before the stop: " + stored.size() + "; the stopping bot: \"" + dropped
                        + "\"; sent again after the restart (no ack before the stop): " + resent.size());
        burst.assertEachExactlyOnce(t);
        restarted.assertCleanLog(burst.markers());
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }

    /**
     * The stop waits for the post in hand, which here hangs in Slack: the bot gives up on the call
     * after its 10 s timeout, records that its fate is unknown and exits; Slack carries the post out
     * later, and the restarted bot finds it instead of posting it again.
     */
    @Test
    void sigtermWhileSlackHangsOnAPost_exits0WithinTheBound_andThatPostLandsOnce() {
        ChildBot first = bots.start("first");
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "SH", 10, 12_000);
        burst.openModals(WAIT);
        harness.slack.enqueueFault("chat.postMessage", BotHarness.SUPPORT, new Fault.Hang(Duration.ofSeconds(14)));

        burst.submitAll();
        burst.awaitAccepted(10, WAIT);
        Await.until(WAIT, "a card post hanging in Slack", () -> harness.slack.callsInProgress() > 0);
        long signalled = System.nanoTime();
        first.terminate();
        int exit = first.awaitExit(STOP_BOUND);
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(exit).as("exit code after SIGTERM; log:\n" + first.log()).isZero();
        assertThat(burst.inInbox()).containsExactlyInAnyOrderElementsOf(burst.forms());
        first.assertCleanLog(burst.markers());

        ChildBot restarted = bots.start("restarted");
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);

        Burst.Tally t = burst.print(
                bots.test(),
                "10 context forms; SIGTERM while Slack hangs 14 s on a card post (the bot"
                        + " waits 10 s), then a restart",
                "exit code " + exit + " after " + stopping.toMillis() + " ms (bound " + STOP_BOUND.toSeconds() + " s);"
                        + " chat.postMessage calls: "
                        + harness.slack.calls("chat.postMessage").size() + "; lookups:"
                        + " conversations.history "
                        + harness.slack.calls("conversations.history").size());
        burst.assertEachExactlyOnce(t);
        assertThat(restarted.log()).contains("had landed before an unanswered attempt; not posting again");
        restarted.assertCleanLog(burst.markers());
    }
}
