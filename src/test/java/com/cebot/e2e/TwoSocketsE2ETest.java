package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.CeBot;
import com.cebot.app.StartupException;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bots on one database file, each with its own socket, and Slack handing the same envelope to
 * both at once (as while two sockets overlap): a submission, a claim and a request move each take
 * effect once, and nobody is told anything twice or told something odd.
 */
final class TwoSocketsE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private BotHarness harness;
    private CeBot second;
    private String test;

    @BeforeEach
    void start(TestInfo info) throws StartupException {
        test = getClass().getSimpleName() + "."
                + info.getTestMethod().orElseThrow().getName();
        harness = BotHarness.started(dir);
        second = harness.tryStart();
        harness.slack.awaitConnections(2, WAIT);
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        harness.close();
    }

    private Burst postedForms(Burst.Kind kind, String tag, int size, int firstTicket) {
        Burst burst = new Burst(harness.slack, harness.databaseFile(), kind, tag, size, firstTicket);
        burst.openModals(WAIT);
        for (Burst.Form f : burst.forms()) {
            int sockets = harness.slack.openConnections();
            String envelope = burst.submitToAll(f);
            harness.slack.awaitAcks(envelope, sockets, WAIT);
        }
        awaitSettled(burst);
        return burst;
    }

    private void awaitSettled(Burst burst) {
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);
    }

    private Message card(Burst burst, Burst.Form f) {
        String marker = f.marker;
        return harness.slack.messages(SUPPORT).stream()
                .filter(m -> !m.isReply())
                .filter(m -> m.blocks() != null && m.blocks().toString().contains(marker))
                .findFirst()
                .orElseThrow();
    }

    private List<RecordedCall> updatesOf(Message card) {
        return harness.slack.calls("chat.update").stream()
                .filter(c -> card.ts().equals(c.param("ts")))
                .toList();
    }

    private List<RecordedCall> privateNotices(String user) {
        return harness.slack.calls("chat.postEphemeral").stream()
                .filter(c -> user.equals(c.param("user")))
                .toList();
    }

    private void assertTypedTextNowhere(Burst burst) {
        String logged = String.join(
                "\n", logs.events().stream().map(LogCapture::printed).toList());
        String errors = String.join("\n", burst.lastErrors());
        burst.markers().forEach(m -> assertThat(logged).doesNotContain(m));
        burst.markers().forEach(m -> assertThat(errors).doesNotContain(m));
    }

    @Test
    void submissionsDeliveredOnBothSockets_areStoredAndPostedOnce() {
        Burst burst = postedForms(Burst.Kind.CONTEXT, "TS", 10, 7000);

        long acks = burst.forms().stream()
                .mapToLong(f -> harness.slack.awaitAcks(Burst.last(f), 2, WAIT).size())
                .sum();
        Burst.Tally t = burst.print(
                test,
                "10 context forms, each envelope delivered to both bots' sockets at once",
                "acks received: " + acks + " (2 per envelope); envelopes per socket: "
                        + harness.slack.deliveredPerSocket() + "; chat.postMessage calls: "
                        + harness.slack.calls("chat.postMessage").size());
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhere(burst);
    }

    @Test
    void aClaimDeliveredOnBothSockets_claimsOnce_andTellsTheClickerNothingOdd() {
        Burst burst = postedForms(Burst.Kind.CONTEXT, "TC", 1, 7100);
        Message card = card(burst, burst.form(1));
        String cardId = card.blocks().findPath("value").asText();

        String click = harness.slack.sendBlockActionToAll(AE, SUPPORT, card.ts(), "context_claim", "b", cardId);
        harness.slack.awaitAcks(click, 2, WAIT);
        Await.until(
                WAIT,
                "the card shows who has it",
                () -> harness.slack
                        .message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("<@" + AE + ">"));
        harness.awaitWorkDone(WAIT);

        int notes =
                burst.replies(burst.form(1), m -> m.text() != null && m.text().startsWith("Taken:"));
        Burst.Tally t = burst.print(
                test,
                "1 context card; one click on \"I'll take it\" delivered to both bots' sockets",
                "acks: 2; card updates: " + updatesOf(card).size() + "; claim notes in the thread: " + notes
                        + "; private notices to the clicker: "
                        + privateNotices(AE).size());
        burst.assertEachExactlyOnce(t);
        assertThat(updatesOf(card)).as("card redrawn once").hasSize(1);
        assertThat(notes).as("one claim note").isEqualTo(1);
        assertThat(privateNotices(AE))
                .as("the clicker is not told they already have it")
                .isEmpty();
        assertThat(Burst.count(
                        harness.databaseFile(), "SELECT COUNT(*) FROM context_card WHERE assignee = '" + AE + "'"))
                .isEqualTo(1);
        assertTypedTextNowhere(burst);
    }

    @Test
    void aRequestMoveDeliveredOnBothSockets_movesOnce_andTellsTheCeOnce() {
        Burst burst = postedForms(Burst.Kind.REQUEST, "TM", 1, 7200);
        Burst.Form f = burst.form(1);
        Message card = card(burst, f);
        String id = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();

        String click = harness.slack.sendBlockActionToAll(HEAD, SUPPORT, card.ts(), "request_acknowledge", "b", id);
        harness.slack.awaitAcks(click, 2, WAIT);
        Await.until(
                WAIT,
                "the card says acknowledged",
                () -> harness.slack
                        .message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("Acknowledged"));
        harness.awaitWorkDone(WAIT);

        int notes = burst.replies(f, m -> m.text() != null && m.text().contains("Acknowledged"));
        long movedDms = harness.slack.messages(f.user).stream()
                .filter(m -> m.text().contains("acknowledged"))
                .count();
        Burst.Tally t = burst.print(
                test,
                "1 request card; one Acknowledge click delivered to both bots' sockets",
                "acks: 2; card updates: " + updatesOf(card).size() + "; notes in the thread: " + notes
                        + "; DMs to the CE"
                        + " about the move: " + movedDms + "; private notices to the head of support: "
                        + privateNotices(HEAD).size() + "; request_event rows: "
                        + Burst.count(
                                harness.databaseFile(),
                                "SELECT COUNT(*) FROM request_event WHERE status = 'acknowledged'"));
        burst.assertEachExactlyOnce(t);
        assertThat(updatesOf(card)).as("card redrawn once").hasSize(1);
        assertThat(notes).as("one note in the thread").isEqualTo(1);
        assertThat(movedDms).as("one DM to the CE").isEqualTo(1);
        assertThat(privateNotices(HEAD))
                .as("the head of support is not told it moved on")
                .isEmpty();
        assertTypedTextNowhere(burst);
    }
}
