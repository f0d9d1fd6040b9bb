package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Commands;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.RecordedCall;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slack misbehaving on the writes after a burst of submissions: rate limits, 5xx, calls that hang or
 * whose answer is lost after Slack did the work, ok:false errors that pass and ones that do not.
 * Each test prints what was sent and what arrived; in every case each acked form is stored, its
 * card and its DM land exactly once, and what fails for good is told to the person and shown by
 * {@code status}.
 */
final class OutboxFaultsE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private BotHarness harness;
    private LogCapture logs;
    private String test;

    @BeforeEach
    void start(TestInfo info) {
        test = getClass().getSimpleName() + "." + info.getTestMethod().orElseThrow().getName();
        logs = LogCapture.start();
        harness = bot.harness();
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    private Burst burst(String tag, int size, int firstTicket) {
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, tag, size, firstTicket);
        burst.openModals(WAIT);
        return burst;
    }

    private void awaitAllPostedOnce(Burst burst) {
        Await.until(WAIT, "every card and DM", () -> burst.forms().stream()
                .allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        // Nothing pending and no call hanging in Slack: a late copy would be there by then.
        awaitOutboxIdle();
        harness.slack.awaitNoCallInProgress(WAIT);
    }

    private void awaitOutboxIdle() {
        Await.until(WAIT, "no pending outbox or inbox work", () -> Burst.count(harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue IN ('inbox', 'outbox') AND status = 'pending'") == 0);
    }

    /** Typed text stays out of every log line and every stored error. */
    private void assertTypedTextNowhereButSlack(Burst burst) {
        String logged = String.join("\n", logs.events().stream().map(LogCapture::printed).toList());
        String errors = String.join("\n", burst.lastErrors());
        for (String marker : burst.markers()) {
            assertThat(logged).as("log lines").doesNotContain(marker);
            assertThat(errors).as("work.last_error").doesNotContain(marker);
        }
    }

    private List<RecordedCall> posts() {
        return harness.slack.calls("chat.postMessage").stream()
                .sorted(Comparator.comparing(RecordedCall::at)).toList();
    }

    private long count(String method) {
        return harness.slack.calls(method).size();
    }

    @Test
    void burstsOfRateLimits_pauseEveryPostForRetryAfter_andLoseOrRepeatNothing() {
        Burst burst = burst("RL", 20, 1000);
        List<Integer> retryAfters = List.of(1, 2, 1, 1, 1);
        harness.slack.enqueueFault("chat.postMessage", new Fault.RateLimited(1), new Fault.RateLimited(2),
                new Fault.RateLimited(1));

        burst.submitAll();
        burst.awaitAccepted(20, WAIT);
        Await.until(WAIT, "half the cards", () -> burst.forms().stream().filter(f -> burst.cards(f) > 0).count() >= 10);
        // A second burst while DMs go out, aimed at one person's DM.
        harness.slack.enqueueFault("chat.postMessage", burst.form(3).user, new Fault.RateLimited(1),
                new Fault.RateLimited(1));
        awaitAllPostedOnce(burst);

        List<RecordedCall> posts = posts();
        List<RecordedCall> limited = posts.stream().filter(c -> c.status() == 429).toList();
        assertThat(limited).hasSize(retryAfters.size());
        StringBuilder pauses = new StringBuilder();
        for (int i = 0; i < limited.size(); i++) {
            RecordedCall refused = limited.get(i);
            RecordedCall next = posts.get(posts.indexOf(refused) + 1);
            Duration pause = Duration.between(refused.at(), next.at());
            pauses.append(i == 0 ? "" : ", ").append(pause.toMillis()).append(" ms (Retry-After ")
                    .append(retryAfters.get(i)).append(" s)");
            assertThat(pause).as("the post after 429 #%d", i + 1).isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfters.get(i)));
        }
        Burst.Tally t = burst.print(test, "20 context forms; 5 × HTTP 429 on chat.postMessage (3 on cards, 2 on one DM)",
                "pause before the next post after each 429: " + pauses + "; chat.postMessage calls: " + posts.size());
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void serverErrors_onCardsAndDms_areLookedUpThenPostedOnce() {
        Burst burst = burst("SE", 20, 2000);
        harness.slack.enqueueFault("chat.postMessage", SUPPORT, new Fault.ServerError(500), new Fault.ServerError(503));
        harness.slack.enqueueFault("chat.postMessage", burst.form(5).user, new Fault.ServerError(502));
        harness.slack.enqueueFault("chat.postMessage", burst.form(6).user, new Fault.ServerError(500),
                new Fault.ServerError(500));

        burst.submitAll();
        burst.awaitAccepted(20, WAIT);
        awaitAllPostedOnce(burst);

        long errors = posts().stream().filter(c -> c.status() >= 500).count();
        assertThat(errors).isEqualTo(5);
        assertThat(count("conversations.history")).as("a lookup before each post again").isGreaterThanOrEqualTo(5);
        Burst.Tally t = burst.print(test, "20 context forms; HTTP 500/503 on 2 card posts, 502/500/500 on 2 DMs",
                "5xx answered: " + errors + "; lookups: conversations.history " + count("conversations.history")
                        + ", conversations.open " + count("conversations.open") + "; chat.postMessage calls: "
                        + posts().size());
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void hungCallsAndLostAnswers_onCardsAndDms_areLookedUpNotRepeated() {
        Burst burst = burst("HL", 10, 3000);
        // The bot gives up on a call after 2 s (BotHarness.FAST).
        harness.slack.enqueueFault("chat.postMessage", SUPPORT, new Fault.LoseAnswer(Duration.ofSeconds(3)),
                new Fault.Hang(Duration.ofMillis(1500)), new Fault.Hang(Duration.ofSeconds(3)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(2).user, new Fault.LoseAnswer(Duration.ofSeconds(3)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(3).user, new Fault.Hang(Duration.ofMillis(1500)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(4).user, new Fault.Hang(Duration.ofSeconds(3)));

        burst.submitAll();
        burst.awaitAccepted(10, WAIT);
        awaitAllPostedOnce(burst);

        Burst.Tally t = burst.print(test, "10 context forms; on 3 cards and 3 DMs: answer lost after 3 s, hang 1.5 s,"
                        + " hang 3 s (the bot waits 2 s)",
                "chat.postMessage calls: " + posts().size() + "; lookups: conversations.history "
                        + count("conversations.history") + ", conversations.open " + count("conversations.open"));
        burst.assertEachExactlyOnce(t);
        assertThat(posts()).as("one call per card and DM: the unanswered ones were found, not made again").hasSize(20);
        assertThat(count("conversations.history")).as("a lookup for each unanswered card and DM")
                .isGreaterThanOrEqualTo(4);
        assertThat(count("conversations.open")).as("the DM lookups open the conversation first")
                .isGreaterThanOrEqualTo(2);
        assertTypedTextNowhereButSlack(burst);
    }

    /**
     * The hard case of a hung call: Slack posts the message a second after the bot gave up, and
     * nothing else is queued to delay the bot's next look. Looking at once would find nothing and
     * post a copy.
     */
    @Test
    void aHungPostThatLandsAfterTheBotGaveUp_isFoundLater_notMadeTwice() {
        Burst burst = burst("LH", 2, 3500);
        harness.slack.enqueueFault("chat.postMessage", SUPPORT, new Fault.Hang(Duration.ofSeconds(3)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(2).user, new Fault.Hang(Duration.ofSeconds(3)));

        burst.submitAll();
        burst.awaitAccepted(2, WAIT);
        awaitAllPostedOnce(burst);

        Burst.Tally t = burst.print(test, "2 context forms; one card and one DM hang 3 s (the bot waits 2 s), with"
                        + " nothing else queued",
                "chat.postMessage calls: " + posts().size() + "; lookups: conversations.history "
                        + count("conversations.history") + ", conversations.open " + count("conversations.open"));
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void transientOkFalse_isRetried_andEachPostLandsOnce() {
        Burst burst = burst("TE", 12, 4000);
        harness.slack.enqueueFault("chat.postMessage", SUPPORT, new Fault.NotOk("internal_error"),
                new Fault.NotOk("internal_error"), new Fault.NotOk("service_unavailable"));
        harness.slack.enqueueFault("chat.postMessage", burst.form(7).user, new Fault.NotOk("internal_error"),
                new Fault.NotOk("fatal_error"));

        burst.submitAll();
        burst.awaitAccepted(12, WAIT);
        awaitAllPostedOnce(burst);

        Burst.Tally t = burst.print(test, "12 context forms; ok:false internal_error ×2 + service_unavailable on cards,"
                        + " internal_error + fatal_error on one DM",
                "chat.postMessage calls: " + posts().size() + " (12 cards + 12 DMs + 5 refused)");
        burst.assertEachExactlyOnce(t);
        assertThat(posts()).hasSize(24 + 5);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void channelNotFound_tellsEachCe_statusNamesThem_andRetryFailedPostsOnceWhenTheChannelIsBack() {
        Burst burst = burst("NF", 5, 5000);
        harness.slack.removeChannel(SUPPORT);

        burst.submitAll();
        burst.awaitAccepted(5, WAIT);
        Await.until(WAIT, "each CE told by DM", () -> burst.forms().stream().allMatch(f -> burst.toldOfFailure(f) == 1));
        awaitOutboxIdle();

        Commands.Result status = Commands.run(harness.env(), "status");
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
        List<String> failedLines = status.out().lines().filter(l -> l.contains("channel_not_found")).toList();
        assertThat(failedLines).as(status.describe()).hasSize(5);
        for (Burst.Form f : burst.forms()) {
            assertThat(failedLines).as("status names whom row was for").anyMatch(l -> l.contains("for " + f.user + ","));
        }
        Burst.Tally before = burst.tally();
        assertThat(before.cards()).isZero();
        assertThat(before.failedAndTold()).isEqualTo(5);

        harness.slack.addChannel(SUPPORT, "customer-support", true);
        Commands.Result retried = Commands.run(harness.env(), "retry-failed");
        assertThat(retried.exitCode()).as(retried.describe()).isZero();
        awaitAllPostedOnce(burst);

        Commands.Result after = Commands.run(harness.env(), "status");
        assertThat(after.exitCode()).as(after.describe()).isZero();
        Burst.Tally t = burst.print(test, "5 context forms while #customer-support is gone (channel_not_found);"
                        + " then the channel is back and retry-failed runs",
                "status listed " + failedLines.size() + " failed rows, each naming its CE; " + retried.out().strip()
                        + "; chat.postMessage calls: " + posts().size());
        assertThat(t).as(burst.describe()).isEqualTo(new Burst.Tally(5, 5, 0, 5, 5, 5, 0, 5));
        assertTypedTextNowhereButSlack(burst);
    }
}
