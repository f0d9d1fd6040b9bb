package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Socket Mode connection going away in the middle of a burst of submissions: Slack's
 * disconnect frames and sockets cut without a close. Envelopes lost with their socket are sent
 * again, as Slack or the person would, and some acked ones too: each acked form is stored, and
 * each form is posted once, however often it arrived.
 */
final class SocketFaultsE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private BotHarness harness;
    private String test;

    @BeforeEach
    void start(TestInfo info) {
        test = getClass().getSimpleName() + "."
                + info.getTestMethod().orElseThrow().getName();
        harness = bot.harness();
    }

    @Test
    void disconnectsAndDroppedSocketsMidBurst_everyAckedFormIsStored_andEachIsPostedOnce() {
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "SK", 40, 6000);
        burst.openModals(WAIT);
        int socketsBefore = harness.slack.connectionsOpened();

        // Three forms go out right after each fault (into the socket going away, or to no socket at
        // all); the rest wait until the bot has its next socket, so each fault meets live traffic.
        int opened = socketsBefore;
        for (Burst.Form f : burst.forms()) {
            if (f.n == 14 || f.n == 24 || f.n == 34) {
                harness.slack.awaitConnectionsOpened(++opened, WAIT);
            }
            burst.submit(f);
            switch (f.n) {
                case 10 -> harness.slack.sendDisconnect("refresh_requested");
                case 20 -> harness.slack.dropConnections();
                case 30 -> {
                    harness.slack.sendDisconnect("warning");
                    harness.slack.dropConnections();
                }
                default -> {}
            }
        }
        harness.slack.awaitConnections(1, WAIT);
        Await.until(
                WAIT,
                "every envelope acked or lost with its socket",
                () -> burst.forms().stream()
                        .allMatch(f -> burst.answered(f)
                                || harness.slack.envelopesLostWithTheirSocket().contains(Burst.last(f))));
        List<Burst.Form> ackedFirstTime = burst.accepted();
        Set<String> lost = harness.slack.envelopesLostWithTheirSocket();
        List<Burst.Form> storedFirstTime = burst.inInbox();
        assertThat(storedFirstTime)
                .as("every acked form was stored before its ack")
                .containsAll(ackedFirstTime);

        // Slack (or the person) sends the lost ones again; five acked ones come a second time too.
        List<Burst.Form> resent =
                burst.forms().stream().filter(f -> lost.contains(Burst.last(f))).toList();
        resent.forEach(burst::resendLast);
        List<Burst.Form> repeated = ackedFirstTime.stream().limit(5).toList();
        repeated.forEach(burst::resendLast);
        Await.until(
                WAIT,
                "an ack for every form",
                () -> burst.accepted().size() == burst.forms().size());
        repeated.forEach(f -> harness.slack.awaitAcks(Burst.last(f), 2, WAIT));
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);

        Burst.Tally t = burst.print(
                test,
                "40 context forms; disconnect after 10, socket dropped after 20, disconnect" + " and drop after 30",
                "sockets opened during the burst: " + (harness.slack.connectionsOpened() - socketsBefore) + "; acked on"
                        + " first delivery: " + ackedFirstTime.size() + " (stored: " + storedFirstTime.size()
                        + ", the others' acks found no socket); lost with their socket and sent again: "
                        + resent.size() + "; acked ones sent again: " + repeated.size() + "; envelopes per socket: "
                        + harness.slack.deliveredPerSocket());
        burst.assertEachExactlyOnce(t);
        String logged = String.join(
                "\n", logs.events().stream().map(LogCapture::printed).toList());
        burst.markers().forEach(m -> assertThat(logged).doesNotContain(m));
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }
}
