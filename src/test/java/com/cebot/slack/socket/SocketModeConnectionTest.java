package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bot's Socket Mode connection as a whole against the loopback Slack, with a real Bolt app: its
 * start and its close. Acks are {@link DispatcherTest}'s, keeping the socket {@link SupervisorTest}'s.
 */
final class SocketModeConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = "UALICE";
    private static final String CHANNEL = "C1";
    /** Stands for what a person typed: it must never reach a log line. */
    private static final String TYPED = "words-only-the-person-typed";
    /** Quick checks and retries; the hello may take seconds on a busy two-core machine. */
    private static final SocketTiming FAST = new SocketTiming(
            Duration.ofSeconds(5),
            Duration.ofSeconds(3),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));
    /** For the starts that are to fail without a hello. */
    private static final SocketTiming SHORT_HELLO = new SocketTiming(
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Instant> hellos = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger counted = new AtomicInteger();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final AtomicBoolean slowInterrupted = new AtomicBoolean();
    private final CountDownLatch heldStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private SlackFake fake;
    private Slack slack;
    private App app;
    private final List<SocketModeConnection> connections = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = SlackFake.start();
        fake.addUser(ALICE, "alice", "Europe/Berlin");
        fake.addChannel(CHANNEL, "ce", true);
        slack = Slack.getInstance(fake.slackConfig());
        app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(SlackFake.BOT_TOKEN)
                .build());
        app.globalShortcut("plain", (req, ctx) -> ctx.ack());
        app.globalShortcut("count", (req, ctx) -> {
            counted.incrementAndGet();
            return ctx.ack();
        });
        // A command's ack waits for its listener (it may carry the answer); a shortcut's does not.
        app.command("/slow", (req, ctx) -> {
            slowStarted.countDown();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                slowInterrupted.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return ctx.ack();
        });
        app.command("/held", (req, ctx) -> {
            heldStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ctx.ack();
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        connections.forEach(SocketModeConnection::close);
        slack.close();
        fake.close();
        assertThat(logs.events()).extracting(LogCapture::printed).noneMatch(line -> line.contains(TYPED));
    }

    private SocketModeConnection connection(String appToken, SocketTiming timing) {
        SocketModeConnection connection = new SocketModeConnection(
                app, appToken, 4, timing, Clock.systemUTC(), hellos::add, meters, new InHand(InHand.MOMENT));
        connections.add(connection);
        return connection;
    }

    private SocketModeConnection started() throws Exception {
        SocketModeConnection connection = connection(SlackFake.APP_TOKEN, FAST);
        connection.start();
        return connection;
    }

    private void shortcutIsAcked() {
        assertThat(fake.awaitAck(fake.sendGlobalShortcut("plain", ALICE), WAIT).payload())
                .isNull();
    }

    private List<String> warnings() {
        return SocketLogs.lines(logs, Level.WARN);
    }

    private List<ILoggingEvent> eventsWithAStackTrace() {
        return SocketLogs.withAStackTrace(logs);
    }

    // ---- start

    @Test
    void start_returnsOnceSlackSaidHello_andTheConnectionIsUp() throws Exception {
        SocketModeConnection connection = started();

        assertThat(connection.isUp()).isTrue();
        assertThat(hellos).hasSize(1);
        assertThat(connection.lastHello()).contains(hellos.get(0));
        assertThat(fake.openConnections()).isEqualTo(1);
        assertThat(fake.calls("apps.connections.open")).hasSize(1);
        shortcutIsAcked();
    }

    @Test
    void start_withADeadSocketUrl_failsWithinTheBound_inOneLine_leavingNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        fake.handOutDeadSocketUrls(true);
        SocketModeConnection connection = connection(SlackFake.APP_TOKEN, SHORT_HELLO);

        long started = System.nanoTime();
        assertThatThrownBy(connection::start)
                .isInstanceOf(SocketModeConnection.StartFailure.class)
                .hasMessageStartingWith("Cannot open the Socket Mode WebSocket (wss host 127.0.0.1:")
                .hasMessageNotContaining("ticket")
                .hasMessageNotContaining("\n")
                .hasNoCause();

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(SHORT_HELLO.helloTimeout().plusSeconds(2));
        assertThat(connection.isUp()).isFalse();
        assertThat(threadsStillRunning(before)).isEmpty();
        assertThat(eventsWithAStackTrace()).isEmpty();
    }

    @Test
    void start_withoutHello_failsAfterTheHelloTimeout_andClosesTheSocketItOpened() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        fake.withholdHello(true);
        SocketModeConnection connection = connection(SlackFake.APP_TOKEN, SHORT_HELLO);

        long started = System.nanoTime();
        assertThatThrownBy(connection::start)
                .isInstanceOf(SocketModeConnection.StartFailure.class)
                .hasMessageMatching(
                        "Slack's Socket Mode did not answer with hello within 1 s \\(wss host 127\\.0\\.0\\.1:\\d+\\)");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took)
                .isGreaterThanOrEqualTo(SHORT_HELLO.helloTimeout())
                .isLessThan(SHORT_HELLO.helloTimeout().plusSeconds(2));
        fake.awaitConnections(0, WAIT);
        assertThat(fake.connectionsOpened()).isEqualTo(1);
        assertThat(threadsStillRunning(before)).isEmpty();
        assertThat(eventsWithAStackTrace()).isEmpty();
    }

    @Test
    void start_withARefusedAppToken_namesIt_withoutPrintingIt() {
        SocketModeConnection connection = connection("xapp-1-revoked", FAST);

        assertThatThrownBy(connection::start)
                .isInstanceOf(SocketModeConnection.StartFailure.class)
                .hasMessageStartingWith("SLACK_APP_TOKEN was refused by Slack (invalid_auth).")
                .hasMessageNotContaining("xapp-1-revoked");
        assertThat(fake.connectionsOpened()).isZero();
    }

    @Test
    void start_whenAppsConnectionsOpenFails_saysWhatFailed() {
        fake.enqueueFault("apps.connections.open", new Fault.ServerError(503));
        SocketModeConnection connection = connection(SlackFake.APP_TOKEN, FAST);

        assertThatThrownBy(connection::start)
                .isInstanceOf(SocketModeConnection.StartFailure.class)
                .hasMessage("Cannot open a Socket Mode connection: apps.connections.open answered HTTP 503");
        assertThat(eventsWithAStackTrace()).isEmpty();
    }

    @Test
    void theUpGauge_followsTheSocket_fromItsLossToTheNextHello_andTheReconnectIsCounted() throws Exception {
        SocketModeConnection connection = started();
        assertThat(up()).isEqualTo(1);

        fake.withholdHello(true);
        fake.dropConnections();
        Await.until(WAIT, "the gauge to say the socket is down", () -> up() == 0);
        assertThat(connection.isUp()).isFalse();
        fake.withholdHello(false);

        Await.until(WAIT, "the gauge to say the socket is up", () -> up() == 1);
        assertThat(connection.isUp()).isTrue();
        assertThat(meters.get("cebot.socket.reconnects")
                        .tag("reason", "lost")
                        .counter()
                        .count())
                .isEqualTo(1);
        shortcutIsAcked();
    }

    private double up() {
        return meters.get("cebot.socket.up").gauge().value();
    }

    // ---- close

    @Test
    void close_letsARunningHandlerSendItsAck_andDropsEnvelopesArrivingMeanwhile() throws Exception {
        SocketModeConnection connection = started();
        String slow = fake.sendSlashCommand("/slow", "", ALICE, CHANNEL);
        assertThat(slowStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(connection::close);
        Await.until(WAIT, "close to begin", () -> !connection.isUp());
        String late = fake.sendGlobalShortcut("count", ALICE);

        Ack ack = fake.awaitAck(slow, WAIT);
        closing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ack.payload()).isNull();
        assertThat(counted).hasValue(0);
        assertThat(fake.acks()).extracting(Ack::envelopeId).doesNotContain(late);
        assertThat(SocketLogs.lines(logs, Level.INFO))
                .containsExactly(
                        "Dropped 1 Socket Mode envelope(s) that arrived while closing; Slack sends events again to another"
                                + " connection");
        fake.awaitConnections(0, WAIT);
    }

    @Test
    void close_duringAPingCheck_stillLetsARunningHandlerSendItsAck() throws Exception {
        SocketModeConnection connection = started();
        String held = fake.sendSlashCommand("/held", "", ALICE, CHANNEL);
        assertThat(heldStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // A frozen socket answers no ping: the next check waits 3 s for one, and close cuts it short.
        fake.freezeConnections();
        Await.until(WAIT, "a ping check waiting for its answer", () -> supervisorIsIn("verifyConnection"));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(connection::close);
        Await.until(WAIT, "supervision to end", () -> !supervisorIsIn(""));
        release.countDown();

        assertThat(fake.awaitAck(held, WAIT).payload()).isNull();
        closing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(warnings()).isEmpty();
    }

    /** Whether the supervisor's thread is alive with a method of this name on its stack ("" for any). */
    private static boolean supervisorIsIn(String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("socket-supervisor")
                        && e.getKey().isAlive())
                .anyMatch(e -> method.isEmpty()
                        || Arrays.stream(e.getValue())
                                .anyMatch(frame -> frame.getMethodName().equals(method)));
    }

    @Test
    void close_givesUpOnAHandlerAfterTheDrainTimeout() throws Exception {
        SocketModeConnection connection = connection(
                SlackFake.APP_TOKEN,
                new SocketTiming(
                        Duration.ofSeconds(5),
                        Duration.ofMillis(200),
                        Duration.ofMillis(200),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1)));
        connection.start();
        fake.sendSlashCommand("/slow", "", ALICE, CHANNEL);
        assertThat(slowStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        connection.close();

        // Cut short, not waited for: the handler's one-second sleep ended by interruption.
        Await.until(WAIT, "the slow handler to be interrupted", slowInterrupted::get);
        assertThat(warnings())
                .containsExactly("1 Socket Mode handler(s) still running after 0.2 s; closed without their acks");
        assertThat(SocketLogs.lines(logs, Level.ERROR)).isEmpty();
    }

    @Test
    void close_isQuiet_leavesNoThread_andASecondCloseDoesNothing() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        SocketModeConnection connection = started();
        fake.sendDisconnect("refresh_requested");
        fake.awaitConnectionsOpened(2, WAIT);
        shortcutIsAcked();

        connection.close();
        connection.close();

        assertThat(connection.isUp()).isFalse();
        fake.awaitConnections(0, WAIT);
        assertThat(threadsStillRunning(before)).isEmpty();
        assertThat(logs.anyAtLeast(Level.WARN)).isFalse();
        assertThat(eventsWithAStackTrace()).isEmpty();
    }

    /**
     * Threads started since {@code before} that are still alive after a grace period; the HTTP
     * client's pool (owned by the Slack instance, not the connection) and the fake's own are left out.
     */
    private static List<String> threadsStillRunning(Set<Thread> before) throws InterruptedException {
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> !t.getName().startsWith("OkHttp")
                        && !t.getName().startsWith("Okio")
                        && !t.getName().startsWith("slackfake"))
                .toList();
        for (Thread thread : started) {
            thread.join(5_000);
        }
        return started.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
