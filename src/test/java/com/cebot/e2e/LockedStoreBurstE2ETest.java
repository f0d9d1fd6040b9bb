package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.testing.TestDatabase;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another connection holds the database's write lock while a burst of forms arrives, more forms
 * than the bot has workers for its socket: every person is told in their modal, within Slack's
 * 3 seconds, that nothing was saved, nothing is stored, and pressing Submit again once the lock is
 * gone stores each form once.
 */
final class LockedStoreBurstE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SLACK_ACK_LIMIT = Duration.ofSeconds(3);

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
    void storeLockedDuringABurst_eachFormIsRefusedInTime_nothingIsStored_andTheSameViewsGoThroughOnceLater()
            throws Exception {
        // BotHarness.FAST runs 16 socket workers: 24 forms keep some waiting for a worker.
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, "LK", 24, 8000);
        burst.openModals(WAIT);

        List<Ack> refusals;
        TestDatabase.WriteLock lock = TestDatabase.lockForWrites(harness.databaseFile());
        try {
            burst.submitAll();
            burst.awaitAnswered(WAIT);
            refusals = burst.forms().stream()
                    .flatMap(f -> burst.refusals(f).stream())
                    .toList();
            assertThat(burst.inInbox()).as("nothing stored while locked").isEmpty();
        } finally {
            lock.close();
        }
        Duration slowest = refusals.stream()
                .map(Ack::latency)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(refusals).as("every form refused in its ack").hasSize(24);
        refusals.forEach(a -> assertThat(Burst.error(a)).contains("couldn't save this just now"));
        burst.forms()
                .forEach(f -> assertThat(harness.slack.modalStack(f.user))
                        .as("%s stays open", f)
                        .isNotEmpty());
        assertThat(Burst.count(harness.databaseFile(), "SELECT COUNT(*) FROM support_context"))
                .isZero();

        burst.submitAll();
        burst.awaitAccepted(24, WAIT);
        // Five people press Submit once more (a double click): still one of each.
        burst.forms().stream().limit(5).forEach(burst::submit);
        burst.awaitAnswered(WAIT);
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        harness.awaitWorkDone(WAIT);

        Burst.Tally t = burst.print(
                test,
                "24 context forms while another connection holds the write lock; then the"
                        + " same 24 views submitted again (5 of them twice)",
                "refusals: " + refusals.size() + ", slowest refusal ack " + slowest.toMillis()
                        + " ms after Slack sent the" + " envelope (limit 3000 ms)");
        assertThat(t).as(burst.describe()).isEqualTo(new Burst.Tally(24, 24, 24, 24, 24, 24, 0, 0));
        assertThat(slowest).as("the slowest refusal reaches Slack within 3 s").isLessThan(SLACK_ACK_LIMIT);
        String logged = String.join(
                "\n", logs.events().stream().map(LogCapture::printed).toList());
        burst.markers().forEach(m -> assertThat(logged).doesNotContain(m));
        burst.lastErrors()
                .forEach(e -> burst.markers().forEach(m -> assertThat(e).doesNotContain(m)));
    }
}
