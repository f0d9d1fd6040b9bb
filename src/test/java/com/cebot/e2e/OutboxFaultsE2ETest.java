package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.cebot.app.Commands;
import com.cebot.slack.ModalOpener;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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

    private Burst burst(String tag, int size, int firstTicket) {
        Burst burst = new Burst(harness.slack, harness.databaseFile(), Burst.Kind.CONTEXT, tag, size, firstTicket);
        burst.openModals(WAIT);
        return burst;
    }

    private void awaitAllPostedOnce(Burst burst) {
        Await.until(
                WAIT,
                "every card and DM",
                () -> burst.forms().stream().allMatch(f -> burst.cards(f) >= 1 && burst.confirmations(f) >= 1));
        // Nothing pending and no call hanging in Slack: a late copy would be there by then.
        harness.awaitWorkDone(WAIT);
    }

    /** Typed text stays out of every log line and every stored error. */
    private void assertTypedTextNowhereButSlack(Burst burst) {
        String logged = String.join(
                "\n", logs.events().stream().map(LogCapture::printed).toList());
        String errors = String.join("\n", burst.lastErrors());
        for (String marker : burst.markers()) {
            assertThat(logged).as("log lines").doesNotContain(marker);
            assertThat(errors).as("work.last_error").doesNotContain(marker);
        }
    }

    private List<RecordedCall> posts() {
        return harness.slack.calls("chat.postMessage").stream()
                .sorted(Comparator.comparing(RecordedCall::at))
                .toList();
    }

    private long count(String method) {
        return harness.slack.calls(method).size();
    }

    @Test
    void burstsOfRateLimits_pauseEveryPostForRetryAfter_andLoseOrRepeatNothing() {
        Burst burst = burst("RL", 20, 1000);
        List<Integer> retryAfters = List.of(1, 2, 1, 1, 1);
        harness.slack.enqueueFault(
                "chat.postMessage", new Fault.RateLimited(1), new Fault.RateLimited(2), new Fault.RateLimited(1));

        burst.submitAll();
        burst.awaitAccepted(20, WAIT);
        Await.until(
                WAIT,
                "half the cards",
                () -> burst.forms().stream().filter(f -> burst.cards(f) > 0).count() >= 10);
        // A second burst while DMs go out, aimed at one person's DM.
        harness.slack.enqueueFault(
                "chat.postMessage", burst.form(3).user, new Fault.RateLimited(1), new Fault.RateLimited(1));
        awaitAllPostedOnce(burst);

        List<RecordedCall> posts = posts();
        List<RecordedCall> limited =
                posts.stream().filter(c -> c.status() == 429).toList();
        assertThat(limited).hasSize(retryAfters.size());
        StringBuilder pauses = new StringBuilder();
        for (int i = 0; i < limited.size(); i++) {
            RecordedCall refused = limited.get(i);
            RecordedCall next = posts.get(posts.indexOf(refused) + 1);
            Duration pause = Duration.between(refused.at(), next.at());
            pauses.append(i == 0 ? "" : ", ")
                    .append(pause.toMillis())
                    .append(" ms (Retry-After ")
                    .append(retryAfters.get(i))
                    .append(" s)");
            assertThat(pause)
                    .as("the post after 429 #%d", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfters.get(i)));
        }
        Burst.Tally t = burst.print(
                test,
                "20 context forms; 5 × HTTP 429 on chat.postMessage (3 on cards, 2 on one DM)",
                "pause before the next post after each 429: " + pauses + "; chat.postMessage calls: " + posts.size());
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void serverErrors_onCardsAndDms_areLookedUpThenPostedOnce() {
        Burst burst = burst("SE", 20, 2000);
        harness.slack.enqueueFault("chat.postMessage", SUPPORT, new Fault.ServerError(500), new Fault.ServerError(503));
        harness.slack.enqueueFault("chat.postMessage", burst.form(5).user, new Fault.ServerError(502));
        harness.slack.enqueueFault(
                "chat.postMessage", burst.form(6).user, new Fault.ServerError(500), new Fault.ServerError(500));

        burst.submitAll();
        burst.awaitAccepted(20, WAIT);
        awaitAllPostedOnce(burst);

        long errors = posts().stream().filter(c -> c.status() >= 500).count();
        assertThat(errors).isEqualTo(5);
        assertThat(count("conversations.history"))
                .as("a lookup before each post again")
                .isGreaterThanOrEqualTo(5);
        Burst.Tally t = burst.print(
                test,
                "20 context forms; HTTP 500/503 on 2 card posts, 502/500/500 on 2 DMs",
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
        harness.slack.enqueueFault(
                "chat.postMessage",
                SUPPORT,
                new Fault.LoseAnswer(Duration.ofSeconds(3)),
                new Fault.Hang(Duration.ofMillis(1500)),
                new Fault.Hang(Duration.ofSeconds(3)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(2).user, new Fault.LoseAnswer(Duration.ofSeconds(3)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(3).user, new Fault.Hang(Duration.ofMillis(1500)));
        harness.slack.enqueueFault("chat.postMessage", burst.form(4).user, new Fault.Hang(Duration.ofSeconds(3)));

        burst.submitAll();
        burst.awaitAccepted(10, WAIT);
        awaitAllPostedOnce(burst);

        Burst.Tally t = burst.print(
                test,
                "10 context forms; on 3 cards and 3 DMs: answer lost after 3 s, hang 1.5 s,"
                        + " hang 3 s (the bot waits 2 s)",
                "chat.postMessage calls: " + posts().size() + "; lookups: conversations.history "
                        + count("conversations.history") + ", conversations.open " + count("conversations.open"));
        burst.assertEachExactlyOnce(t);
        assertThat(posts())
                .as("one call per card and DM: the unanswered ones were found, not made again")
                .hasSize(20);
        assertThat(count("conversations.history"))
                .as("a lookup for each unanswered card and DM")
                .isGreaterThanOrEqualTo(4);
        assertThat(count("conversations.open"))
                .as("the DM lookups open the conversation first")
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

        Burst.Tally t = burst.print(
                test,
                "2 context forms; one card and one DM hang 3 s (the bot waits 2 s), with" + " nothing else queued",
                "chat.postMessage calls: " + posts().size() + "; lookups: conversations.history "
                        + count("conversations.history") + ", conversations.open " + count("conversations.open"));
        burst.assertEachExactlyOnce(t);
        assertTypedTextNowhereButSlack(burst);
    }

    @Test
    void transientOkFalse_isRetried_andEachPostLandsOnce() {
        Burst burst = burst("TE", 12, 4000);
        harness.slack.enqueueFault(
                "chat.postMessage",
                SUPPORT,
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("service_unavailable"));
        harness.slack.enqueueFault(
                "chat.postMessage",
                burst.form(7).user,
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("fatal_error"));

        burst.submitAll();
        burst.awaitAccepted(12, WAIT);
        awaitAllPostedOnce(burst);

        Burst.Tally t = burst.print(
                test,
                "12 context forms; ok:false internal_error ×2 + service_unavailable on cards,"
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
        Await.until(
                WAIT, "each CE told by DM", () -> burst.forms().stream().allMatch(f -> burst.toldOfFailure(f) == 1));
        harness.awaitWorkDone(WAIT);

        Commands.Result status = Commands.run(harness.env(), "status");
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
        List<String> failedLines = status.out()
                .lines()
                .filter(l -> l.contains("channel_not_found"))
                .toList();
        assertThat(failedLines).as(status.describe()).hasSize(5);
        for (Burst.Form f : burst.forms()) {
            assertThat(failedLines)
                    .as("status names whom row was for")
                    .anyMatch(l -> l.contains("for " + f.user + ","));
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
        Burst.Tally t = burst.print(
                test,
                "5 context forms while #customer-support is gone (channel_not_found);"
                        + " then the channel is back and retry-failed runs",
                "status listed " + failedLines.size() + " failed rows, each naming its CE; "
                        + retried.out().strip() + "; chat.postMessage calls: " + posts().size());
        assertThat(t).as(burst.describe()).isEqualTo(new Burst.Tally(5, 5, 0, 5, 5, 5, 0, 5));
        assertTypedTextNowhereButSlack(burst);
    }

    /**
     * The connection cut with a reset once Slack carried out the call (its answer never arrives),
     * for each kind of write, and kept-alive connections Slack closed while they waited in the pool.
     * Nothing below the bot's own accounting may send a write again: a reset write is looked for.
     */
    @Nested
    class ConnectionResets {

        private final Fault reset = new Fault.ResetAfterWork();

        /** What the bot's HTTP client said it sent again: reads, and requests that never left. */
        private List<String> resends() {
            return logs.events().stream()
                    .filter(e -> e.getLoggerName().equals("com.cebot.slack.ResendPolicy"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }

        private String resent() {
            return "sent again by the HTTP client: " + resends().size();
        }

        @Test
        void cardsAndDms_resetOnceSlackPostedThem_areFoundNotPostedTwice() {
            Burst burst = burst("RW", 10, 6000);
            harness.slack.enqueueFault("chat.postMessage", SUPPORT, reset, reset, reset);
            for (int n = 2; n <= 4; n++) {
                harness.slack.enqueueFault("chat.postMessage", burst.form(n).user, reset);
            }

            burst.submitAll();
            burst.awaitAccepted(10, WAIT);
            awaitAllPostedOnce(burst);

            Burst.Tally t = burst.print(
                    test,
                    "10 context forms; the connection reset once Slack made 3 card posts" + " and 3 DMs",
                    "chat.postMessage calls: " + posts().size() + "; lookups: conversations.history "
                            + count("conversations.history") + ", conversations.open " + count("conversations.open")
                            + "; " + resent());
            burst.assertEachExactlyOnce(t);
            assertThat(posts())
                    .as("one call per card and DM: the reset ones were found")
                    .hasSize(20);
            assertThat(count("conversations.history"))
                    .as("a lookup for each reset card and DM")
                    .isGreaterThanOrEqualTo(4);
            assertTypedTextNowhereButSlack(burst);
        }

        @Test
        void threadReplies_resetOnceSlackPostedThem_areFoundNotPostedTwice() {
            Burst cards = burst("RC", 5, 6100);
            cards.submitAll();
            cards.awaitAccepted(5, WAIT);
            awaitAllPostedOnce(cards);
            // The same tickets again: each form's context goes into the thread of the card above.
            Burst notes = burst("RN", 5, 6100);
            harness.slack.enqueueFault("chat.postMessage", SUPPORT, reset, reset, reset);
            int callsBefore = posts().size();

            notes.submitAll();
            notes.awaitAccepted(5, WAIT);
            Await.until(
                    WAIT,
                    "each note in its thread and its DM",
                    () -> notes.forms().stream()
                            .allMatch(f -> notes.threadNotes(f) >= 1 && notes.addedToThread(f) >= 1));
            harness.awaitWorkDone(WAIT);

            Map<String, Integer> row = new LinkedHashMap<>();
            row.put("sent", notes.forms().size());
            row.put("acked", notes.accepted().size());
            row.put("stored", notes.stored().size());
            row.put("thread notes", (int)
                    notes.forms().stream().filter(f -> notes.threadNotes(f) > 0).count());
            row.put("DMs", (int) notes.forms().stream()
                    .filter(f -> notes.addedToThread(f) > 0)
                    .count());
            row.put(
                    "duplicates",
                    notes.forms().stream()
                            .mapToInt(f -> Math.max(0, notes.threadNotes(f) - 1)
                                    + Math.max(0, notes.addedToThread(f) - 1)
                                    + Math.max(0, cards.cards(f) - 1))
                            .sum());
            row.put("failed-and-told", (int) notes.forms().stream()
                    .filter(f -> notes.toldOfFailure(f) > 0)
                    .count());
            int calls = posts().size() - callsBefore;
            Burst.printTable(
                    test,
                    "5 cards, then 5 more context forms for the same tickets; the connection reset once"
                            + " Slack made 3 of the thread notes",
                    row,
                    "chat.postMessage calls for the notes and their DMs: " + calls + "; lookups: conversations.replies "
                            + count("conversations.replies") + "; " + resent());
            assertThat(row)
                    .as(notes.describe())
                    .containsExactly(
                            Map.entry("sent", 5),
                            Map.entry("acked", 5),
                            Map.entry("stored", 5),
                            Map.entry("thread notes", 5),
                            Map.entry("DMs", 5),
                            Map.entry("duplicates", 0),
                            Map.entry("failed-and-told", 0));
            assertThat(calls).as("one call per note and DM").isEqualTo(10);
            assertThat(count("conversations.replies"))
                    .as("a lookup for each reset note")
                    .isGreaterThanOrEqualTo(3);
        }

        @Test
        void viewsOpen_resetOnceSlackOpenedTheModal_opensNoSecondModal() {
            harness.slack.enqueueFault("views.open", reset, reset, reset);

            Burst burst = burst("RV", 8, 6200);
            Await.until(
                    WAIT,
                    "the three resets logged",
                    () -> logs.lines(ModalOpener.class, Level.WARN).size() >= 3);
            harness.slack.awaitNoCallInProgress(WAIT);
            int views = harness.slack.calls("views.open").size();
            int stacked = burst.forms().stream()
                    .mapToInt(f -> harness.slack.modalStack(f.user).size())
                    .sum();
            burst.submitAll();
            burst.awaitAccepted(8, WAIT);
            awaitAllPostedOnce(burst);

            Burst.Tally t = burst.print(
                    test,
                    "8 Support Ticket Context shortcuts; the connection reset once Slack"
                            + " opened 3 of the modals; then each form submitted",
                    "views.open calls: " + views + " (one per shortcut); modals open: " + stacked + "; " + resent());
            burst.assertEachExactlyOnce(t);
            assertThat(views).as("views.open sent once per shortcut").isEqualTo(8);
            assertThat(stacked).as("one modal per person").isEqualTo(8);
        }

        @Test
        void calendarUploads_resetOnceSlackTookTheBytesOrSharedTheFile_areSharedOnce() {
            LocalDate first = LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(14);
            // The first upload: its bytes reset after Slack stored them, then its share reset after
            // Slack shared it. The second: its share reset.
            harness.slack.enqueueFault(SlackFake.FILE_UPLOAD, reset);
            harness.slack.enqueueFault("files.completeUploadExternal", reset);
            List<String> people = List.of(BotHarness.CE_USER, BotHarness.AE);
            for (String person : people) {
                planTimeOff(person, first);
                Await.until(WAIT, "the calendar event shared with " + person, () -> shares(person) >= 1);
                harness.slack.enqueueFault("files.completeUploadExternal", reset);
            }
            harness.awaitWorkDone(WAIT);

            Map<String, Integer> row = new LinkedHashMap<>();
            row.put("sent", people.size());
            row.put("planned", (int)
                    people.stream().filter(p -> summaries(p) > 0).count());
            row.put("files shared", (int)
                    people.stream().filter(p -> shares(p) > 0).count());
            row.put(
                    "duplicates",
                    people.stream()
                            .mapToInt(p -> Math.max(0, shares(p) - 1) + Math.max(0, summaries(p) - 1))
                            .sum());
            Burst.printTable(
                    test,
                    "2 people plan time off; the connection reset once Slack took the first file's"
                            + " bytes, and once it shared each file",
                    row,
                    "bytes uploaded: "
                            + count(SlackFake.FILE_UPLOAD) + ", shares made: " + count("files.completeUploadExternal")
                            + "; lookups: conversations.history " + count("conversations.history") + "; " + resent());
            assertThat(row)
                    .containsExactly(
                            Map.entry("sent", 2),
                            Map.entry("planned", 2),
                            Map.entry("files shared", 2),
                            Map.entry("duplicates", 0));
            assertThat(count("files.completeUploadExternal"))
                    .as("each share made once")
                    .isEqualTo(2);
            assertThat(count(SlackFake.FILE_UPLOAD))
                    .as("the reset bytes sent again only after a lookup")
                    .isEqualTo(3);
        }

        private void planTimeOff(String person, LocalDate first) {
            harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, "", person, BotHarness.CE), WAIT);
            View modal = Await.value(
                    WAIT,
                    "the /ooo modal for " + person,
                    () -> harness.slack.modalStack(person).stream().findFirst().orElse(null));
            harness.slack.awaitAck(
                    harness.slack.submitView(
                            modal.id(),
                            person,
                            OooE2ETest.form(first.toString(), first.plusDays(4).toString(), BotHarness.AE2)
                                    .toJson()),
                    WAIT);
        }

        private int shares(String person) {
            return (int) harness.slack.messages(person).stream()
                    .filter(m -> m.files() != null)
                    .count();
        }

        private int summaries(String person) {
            return (int) harness.slack.messages(person).stream()
                    .filter(m -> m.text() != null && m.text().startsWith("Your time off is planned"))
                    .count();
        }

        @Test
        void groupUpdate_resetOnceSlackMadeIt_isNotSentAgain_andCeInternalHearsItWasMade() {
            LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
            harness.appendConfig("""
                    roster:
                      - {user: %s, start_date: %s, manager: %s}
                      - {user: %s, start_date: %s, manager: %s}
                    """.formatted(
                            BotHarness.CE_USER,
                            today.minusDays(3),
                            BotHarness.HEAD,
                            BotHarness.AE,
                            today.minusDays(3),
                            BotHarness.HEAD));
            harness.slack.enqueueFault("usergroups.users.update", reset);

            harness.restart();
            Message note = Await.value(
                    WAIT,
                    "#ce-internal told of the update",
                    () -> harness.slack.messages(BotHarness.CE_INTERNAL).stream()
                            .filter(m -> m.text().contains("@ce-sdr-collab"))
                            .findFirst()
                            .orElse(null));
            harness.awaitWorkDone(WAIT);

            List<String> members = harness.slack.userGroupMembers(SdrIds.GROUP);
            long notes = harness.slack.messages(BotHarness.CE_INTERNAL).stream()
                    .filter(m -> m.text().contains("@ce-sdr-collab"))
                    .count();
            Map<String, Integer> row = new LinkedHashMap<>();
            row.put("updates sent", 1);
            row.put("reached Slack", (int) count("usergroups.users.update"));
            row.put("group as asked", Set.copyOf(members).equals(Set.of(BotHarness.CE_USER, BotHarness.AE)) ? 1 : 0);
            row.put("notes in #ce-internal", (int) notes);
            row.put("duplicates", (int) (count("usergroups.users.update") - 1 + notes - 1));
            Burst.printTable(
                    test,
                    "the roster adds a new CE to @ce-sdr-collab at start; the connection reset once"
                            + " Slack made the change",
                    row,
                    "usergroups.users.list reads: " + count("usergroups.users.list") + "; " + resent());
            assertThat(row)
                    .containsExactly(
                            Map.entry("updates sent", 1),
                            Map.entry("reached Slack", 1),
                            Map.entry("group as asked", 1),
                            Map.entry("notes in #ce-internal", 1),
                            Map.entry("duplicates", 0));
            assertThat(note.text()).startsWith("Updated @ce-sdr-collab").contains("Added: <@" + BotHarness.AE + ">");
        }

        @Test
        void keptAliveConnectionsSlackClosed_areNotWrittenTo_andEachPostGoesOutAtOnce() {
            Burst burst = burst("ST", 10, 6400);
            harness.slack.awaitNoCallInProgress(WAIT);
            int closed = harness.slack.closeIdleConnections();

            burst.submitAll();
            burst.awaitAccepted(10, WAIT);
            awaitAllPostedOnce(burst);

            List<String> metClosed = resends().stream()
                    .filter(l -> l.contains("on another connection"))
                    .toList();
            Burst.Tally t = burst.print(
                    test,
                    "10 context forms sent after Slack closed the bot's idle kept-alive" + " connections",
                    "connections closed: " + closed + "; requests that met one and went out"
                            + " again at once: " + metClosed.size() + "; chat.postMessage calls: " + posts().size()
                            + "; lookups: conversations.history " + count("conversations.history"));
            burst.assertEachExactlyOnce(t);
            assertThat(closed).as("the bot had kept-alive connections").isPositive();
            // Whether a request meets a closed connection or the pool's own check drops it first is a race
            // of the loopback's FIN against the next post; either way each post goes out once, unlooked-for.
            assertThat(posts()).hasSize(20);
            assertThat(count("conversations.history"))
                    .as("nothing of unknown fate, so nothing looked for")
                    .isZero();
        }
    }
}
