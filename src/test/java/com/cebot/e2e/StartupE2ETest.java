package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.app.CeBot;
import com.cebot.app.StartupException;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.RecordedCall;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot as a whole: start, Socket Mode, the first shortcut, reconnects, bad setups. */
final class StartupE2ETest {

    @TempDir
    Path dir;

    private BotHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private void shortcutOpensContextModal() {
        harness.slack.clearCalls();
        String envelope = harness.slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, BotHarness.CE_USER);

        Ack ack = harness.slack.awaitAck(envelope, WAIT);
        RecordedCall open = harness.slack.awaitCall("views.open", WAIT);

        assertThat(ack.latency()).isLessThan(Duration.ofSeconds(3));
        assertThat(open.status()).isEqualTo(200);
        assertThat(harness.slack.lastOpenedView().callbackId()).isEqualTo(ContextIds.CALLBACK_ID);
        assertThat(harness.slack.lastOpenedView().blocks().toString())
                .contains(
                        "Customer",
                        "Links to the issue",
                        "What should support know?",
                        "Background information or anything we should know that would be helpful.");
    }

    @Test
    void start_connectsOverSocketMode_andJoinsThePublicChannelItPostsIn() {
        harness = BotHarness.started(dir);

        assertThat(harness.slack.openConnections()).isEqualTo(1);
        assertThat(harness.slack.calls("conversations.join"))
                .extracting(c -> c.param("channel"))
                .containsExactly(BotHarness.SUPPORT);
        assertThat(harness.slack.botIsMember(BotHarness.SUPPORT)).isTrue();
        assertThat(harness.bot().workspace().customerSupport()).isEqualTo(BotHarness.SUPPORT);
        assertThat(harness.bot().lastSlackHello()).isPresent();
    }

    @Test
    void aSocketUrlWhereNothingListens_stopsStart_inOneLine_andTheBotNeverSaysItIsListening() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.slack.handOutDeadSocketUrls(true);

        try (LogCapture logs = LogCapture.start()) {
            assertThatThrownBy(harness::tryStart)
                    .isInstanceOfSatisfying(
                            StartupException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith("Cannot open the Socket Mode WebSocket (wss host 127.0.0.1:")
                                    .doesNotContain("ticket"));
            assertThat(logs.lines(CeBot.class, ch.qos.logback.classic.Level.INFO))
                    .noneMatch(line -> line.contains("listening"));
            assertThat(logs.events())
                    .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        }
        assertThat(harness.slack.openConnections()).isZero();
    }

    @Test
    void closingTheBot_closesItsSocket() {
        harness = BotHarness.started(dir);

        harness.stopBot();

        harness.slack.awaitConnections(0, WAIT);
    }

    @Test
    void contextShortcut_isAckedAtOnce_andOpensTheModalInsideTheTriggerWindow() {
        harness = BotHarness.started(dir);

        shortcutOpensContextModal();
    }

    @Test
    void disconnectRequest_isFollowedByAReconnect() {
        harness = BotHarness.started(dir);
        int opened = harness.slack.connectionsOpened();

        harness.slack.sendDisconnect("refresh_requested");

        harness.slack.awaitConnectionsOpened(opened + 1, WAIT);
        harness.slack.awaitConnections(1, WAIT);
        shortcutOpensContextModal();
    }

    @Test
    void droppedSocket_isFollowedByAReconnect() {
        harness = BotHarness.started(dir);
        int opened = harness.slack.connectionsOpened();

        harness.slack.dropConnections();

        harness.slack.awaitConnectionsOpened(opened + 1, Duration.ofSeconds(20));
        harness.slack.awaitConnections(1, WAIT);
        shortcutOpensContextModal();
    }

    @Test
    void everythingTheManifestDeclares_isAnswered_evenWhatIsNotBuiltYet() {
        harness = BotHarness.started(dir);

        Ack ooo = harness.slack.awaitAck(
                harness.slack.sendSlashCommand("/ooo", "help", BotHarness.CE_USER, BotHarness.CE), WAIT);
        harness.slack.awaitAck(harness.slack.sendGlobalShortcut("sdr_question", BotHarness.CE_USER), WAIT);
        harness.slack.awaitCall("views.open", WAIT);
        var message = harness.slack.sendMessageEvent(BotHarness.CE, BotHarness.CE_USER, "hello", null);
        var edit = harness.slack.sendMessageChangedEvent(BotHarness.CE, message.ts(), "hello again");
        var home = harness.slack.sendAppHomeOpened(BotHarness.CE_USER);

        assertThat(ooo.payload().path("text").asText()).contains("Roots PTO", "coverage plan", "Slack status");
        assertThat(harness.slack.lastOpenedView().blocks().toString()).contains("@ce-sdr-collab");
        for (var event : java.util.List.of(message, edit, home)) {
            assertThat(harness.slack.awaitAck(event.envelopeId(), WAIT).latency())
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void unknownChannel_stopsStart_namingTheSetting() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.writeConfig("""
                channels:
                  customer_support: support-typo
                support:
                  head_of_support: U0HEAD
                """);

        assertThatThrownBy(harness::tryStart)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("channels.customer_support")
                .hasMessageContaining("support-typo");
        assertThat(harness.slack.openConnections()).isZero();
    }

    @Test
    void refusedBotToken_stopsStart_namingIt() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.env().put("SLACK_BOT_TOKEN", "xoxb-revoked");

        assertThatThrownBy(harness::tryStart)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN was refused")
                .hasMessageNotContaining("xoxb-revoked");
    }

    @Test
    void refusedAppToken_stopsStart_namingIt() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.env().put("SLACK_APP_TOKEN", "xapp-1-revoked");

        assertThatThrownBy(harness::tryStart)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SLACK_APP_TOKEN")
                .hasMessageNotContaining("xapp-1-revoked");
    }

    @Test
    void unreachableSlack_stopsStart_namingTheUrl() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.env().put("SLACK_API_URL", "http://127.0.0.1:9/api/");

        assertThatThrownBy(harness::tryStart)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("http://127.0.0.1:9/api/");
    }

    @Test
    void databaseFolderThatCannotBeCreated_stopsStart_namingTheSetting_andClosesWhatItOpened() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        // /proc takes no new folders, whoever runs the test.
        harness.env().put("CEBOT_DB_URL", "jdbc:sqlite:/proc/cebot-test/cebot.db");
        Set<String> before = threadNames();

        assertThatThrownBy(harness::tryStart)
                .isInstanceOfSatisfying(
                        StartupException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("CEBOT_DB_URL: cannot create the folder /proc/cebot-test"));
        Await.until(
                WAIT,
                "no thread of the bot left",
                () -> !newThreads(before).findAny().isPresent());
    }

    @Test
    void aLateStartFailure_closesEverythingItHadOpened() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.slack.handOutDeadSocketUrls(true);
        Set<String> before = threadNames();

        assertThatThrownBy(harness::tryStart).isInstanceOf(StartupException.class);

        Await.until(
                WAIT,
                () -> "no thread of the bot left, found " + newThreads(before).toList(),
                () -> !newThreads(before).findAny().isPresent());
        if (!TestDatabase.postgresql()) {
            assertThat(harness.databaseFile()).exists();
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Threads the bot names itself, started since then and still running. */
    private static java.util.stream.Stream<String> newThreads(Set<String> before) {
        return threadNames().stream()
                .filter(name -> !before.contains(name))
                .filter(name -> name.startsWith("inbox")
                        || name.startsWith("outbox")
                        || name.startsWith("job")
                        || name.startsWith("after-ack")
                        || name.startsWith("approvers")
                        || name.startsWith("cebot-db")
                        || name.startsWith("socket-"));
    }
}
