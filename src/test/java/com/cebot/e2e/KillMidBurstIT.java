package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.RecordedCall;
import com.cebot.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged bot killed with SIGKILL in the middle of a burst, with a DM in flight (Slack posted
 * it, the answer never came back), then started again on the same database: every acked form was
 * stored before its ack, and each form gets exactly one card and one DM; the post in flight is
 * looked up, not made again.
 */
final class KillMidBurstIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    private BotHarness harness;

    @BeforeEach
    void start() {
        harness = bots.harness();
    }

    @Test
    void sigkillMidBurst_thenRestart_everyAckedFormIsStored_andEachIsPostedOnce_theDmInFlightIsLookedUp() {
        ChildBot first = bots.start("first");
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "KL", 30, 9000);
        burst.openModals(WAIT);
        Burst.Form inFlight = burst.form(3);
        // Slack posts this DM at once but its answer never reaches the first process.
        harness.slack.enqueueFault("chat.postMessage", inFlight.user, new Fault.LoseAnswer(Duration.ofSeconds(8)));

        burst.forms().subList(0, 15).forEach(burst::submit);
        Await.until(
                WAIT,
                "the DM to " + inFlight.user + " in flight",
                () -> harness.slack.calls("chat.postMessage").stream()
                        .anyMatch(c -> inFlight.user.equals(c.param("channel"))));
        // The rest of the burst keeps coming, one form every 25 ms, while the process is killed.
        CompletableFuture<Void> rest = burst.submitPaced(burst.forms().subList(15, 30), Duration.ofMillis(25));
        burst.awaitAccepted(20, WAIT);
        first.kill();
        Instant killedAt = Instant.now();
        rest.join();

        List<Burst.Form> ackedBeforeKill = burst.accepted();
        List<Burst.Form> storedBeforeKill = burst.inInbox();
        assertThat(storedBeforeKill)
                .as("every form acked before the kill was stored before its ack")
                .containsAll(ackedBeforeKill);
        int openAttempts = Burst.count(
                harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue = 'outbox' AND attempt_open = 1 AND status = 'pending'");

        ChildBot restarted = bots.start("restarted");
        Await.until(
                WAIT,
                "every envelope acked or lost with the killed socket",
                () -> burst.forms().stream()
                        .allMatch(f -> burst.answered(f)
                                || harness.slack.envelopesLostWithTheirSocket().contains(Burst.last(f))));
        List<Burst.Form> resent =
                burst.forms().stream().filter(f -> !burst.answered(f)).toList();
        // The people whose Submit died with the process press it again.
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

        List<RecordedCall> lookupsAfterRestart = harness.slack.calls().stream()
                .filter(c ->
                        c.method().equals("conversations.history") || c.method().equals("conversations.open"))
                .filter(c -> c.at().isAfter(killedAt))
                .toList();
        long postsToInFlight = harness.slack.calls("chat.postMessage").stream()
                .filter(c -> inFlight.user.equals(c.param("channel")))
                .count();
        Burst.Tally t = burst.print(
                bots.test(),
                "30 context forms; SIGKILL after 20 acks with the DM to " + inFlight.user
                        + " in flight (posted, answer held), then a restart",
                "acked before the kill: " + ackedBeforeKill.size() + ", stored before the kill: "
                        + storedBeforeKill.size() + "; outbox attempts open at the kill: " + openAttempts
                        + "; sent again after the restart (no ack before the kill): " + resent.size()
                        + "; lookups after the restart: " + lookupsAfterRestart.size() + "; chat.postMessage calls to "
                        + inFlight.user + "'s DM: " + postsToInFlight);
        burst.assertEachExactlyOnce(t);
        assertThat(postsToInFlight)
                .as("the DM in flight was found, not posted again")
                .isEqualTo(1);
        assertThat(lookupsAfterRestart).as("the restarted bot looked for it").isNotEmpty();
        assertThat(restarted.log())
                .contains("stopped without saying so; released its")
                .contains("had landed before an unanswered attempt; not posting again");
        first.assertCleanLog(burst.markers());
        restarted.assertCleanLog(burst.markers());
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }
}
