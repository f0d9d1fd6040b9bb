package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.work.Backoff;
import com.slack.api.Slack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeping one socket up against the loopback Slack: real sockets, and frames passed to the
 * supervisor as the dispatcher passes them, without Bolt.
 */
final class SupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = "UALICE";
    /** Quick checks and retries; the hello may take seconds on a busy two-core machine. */
    private static final SocketTiming FAST = new SocketTiming(
            Duration.ofSeconds(5),
            Duration.ofSeconds(3),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Instant> hellos = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Frames frames = new Frames();
    private SlackFake fake;
    private Slack slack;
    private Opener opener;
    private Supervisor supervisor;

    /** Stands in for the dispatcher: hello and disconnect to the supervisor, envelopes noted with their socket. */
    private final class Frames implements Link.Events {
        record Envelope(Link link, String id) {}

        final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
        final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

        @Override
        public void frame(Link link, String message) {
            FrameHeader header = FrameHeader.read(message);
            if ("hello".equals(header.type())) {
                supervisor.hello(link);
            } else if ("disconnect".equals(header.type())) {
                supervisor.disconnect(link, header.reason());
            } else if (header.isEnvelope()) {
                envelopes.add(new Envelope(link, header.envelopeId()));
            }
        }

        @Override
        public void socketClosed(Link link, Integer code) {
            closeCodes.add(code);
            supervisor.socketClosed(link, code);
        }
    }

    @BeforeEach
    void setUp() {
        fake = SlackFake.start();
        fake.addUser(ALICE, "alice", "Europe/Berlin");
        slack = Slack.getInstance(fake.slackConfig());
        opener = new Opener(slack, SlackFake.APP_TOKEN, FAST, frames);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (supervisor != null) {
            supervisor.stop();
        }
        opener.stop();
        opener.closeAll();
        if (supervisor != null) {
            supervisor.awaitStopped();
        }
        slack.close();
        fake.close();
    }

    private Supervisor started() throws Exception {
        return started(hellos::add);
    }

    /** What start does: the first socket, up once it said hello. */
    private Supervisor started(Consumer<Instant> onHello) throws Exception {
        supervisor = new Supervisor(opener, FAST, Clock.systemUTC(), onHello, new SocketMeters(meters));
        Opener.Attempt first = opener.open();
        assertThat(first.outcome()).isEqualTo(Outcome.of(Outcome.Kind.HELLO));
        assertThat(supervisor.up(first.link())).isTrue();
        return supervisor;
    }

    private List<String> warnings() {
        return SocketLogs.lines(logs, Level.WARN);
    }

    /** An envelope sent now comes in on the current socket. */
    private void envelopesFlow() {
        String id = fake.sendGlobalShortcut("plain", ALICE);
        Frames.Envelope envelope = Await.value(
                WAIT,
                "envelope " + id,
                () -> frames.envelopes.stream()
                        .filter(e -> e.id().equals(id))
                        .findFirst()
                        .orElse(null));
        assertThat(supervisor.current()).contains(envelope.link());
    }

    @Test
    void disconnect_opensANewSocketAtOnce_throughANewUrl_andClosesTheOldOne() throws Exception {
        started();

        fake.sendDisconnect("refresh_requested");

        fake.awaitConnectionsOpened(2, WAIT);
        fake.awaitConnections(1, WAIT);
        assertThat(fake.calls("apps.connections.open")).hasSize(2);
        SocketLogs.await(logs, Level.INFO, "replaced at Slack's request (refresh_requested)", WAIT);
        assertThat(hellos).hasSize(2);
        assertThat(supervisor.isUp()).isTrue();
        envelopesFlow();
        assertThat(warnings()).isEmpty();
        assertThat(reconnects("asked")).isEqualTo(1);
        assertThat(reconnects("lost")).isZero();
    }

    private double reconnects(String reason) {
        return meters.get("cebot.socket.reconnects")
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void aDroppedSocket_isReconnectedAtOnce_andEnvelopesFlowAgain() throws Exception {
        started();

        fake.dropConnections();

        SocketLogs.await(logs, Level.INFO, "Socket Mode connection restored after 1 attempt(s)", WAIT);
        assertThat(supervisor.isUp()).isTrue();
        assertThat(warnings()).containsExactly("Socket Mode connection lost (socket closed, code 1006); reconnecting");
        fake.awaitConnections(1, WAIT);
        envelopesFlow();
    }

    @Test
    void aSocketThatStopsAnsweringPings_isReplaced() throws Exception {
        started();

        fake.freezeConnections();

        SocketLogs.await(logs, Level.INFO, "restored", WAIT);
        assertThat(warnings())
                .containsExactly("Socket Mode connection lost (no answer to ping within 3 s); reconnecting");
        fake.awaitConnections(1, WAIT);
        assertThat(supervisor.isUp()).isTrue();
        envelopesFlow();
    }

    @Test
    void failingReconnects_logOneWarningPerTry_withGrowingDelays_thenOneLineOnRecovery() throws Exception {
        started();
        fake.enqueueFault(
                "apps.connections.open",
                new Fault.ServerError(503),
                new Fault.ServerError(503),
                new Fault.ServerError(503),
                new Fault.ServerError(503));

        fake.dropConnections();

        SocketLogs.await(logs, Level.INFO, "restored after 5 attempt(s)", WAIT);
        assertThat(meters.get("cebot.socket.reconnect.failures").counter().count())
                .isEqualTo(4);
        assertThat(reconnects("lost")).isEqualTo(1);
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).startsWith("Socket Mode connection lost");
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(warnings.get(attempt))
                    .matches("Socket Mode reconnect attempt " + attempt
                            + " failed: apps\\.connections\\.open answered HTTP 503; next try in \\d+(\\.\\d)? s");
        }
        List<Instant> tries = fake.calls("apps.connections.open").stream()
                .map(RecordedCall::at)
                .toList();
        assertThat(tries).hasSize(6);
        List<Duration> waits = new ArrayList<>();
        for (int i = 2; i < tries.size(); i++) {
            waits.add(Duration.between(tries.get(i - 1), tries.get(i)));
        }
        assertThat(waits).isSortedAccordingTo(Duration::compareTo).doesNotHaveDuplicates();
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(SocketLogs.lines(logs, Level.INFO)).hasSize(1);
        assertThat(SocketLogs.withAStackTrace(logs)).isEmpty();
        assertThat(supervisor.isUp()).isTrue();
        envelopesFlow();
    }

    @Test
    void reconnectsToADeadSocketUrl_failQuietly_untilOneWorks() throws Exception {
        started();
        fake.handOutDeadSocketUrls(true);

        fake.dropConnections();

        SocketLogs.await(logs, Level.WARN, "attempt 2 failed: the WebSocket did not open (wss host", WAIT);
        assertThat(supervisor.isUp()).isFalse();
        fake.handOutDeadSocketUrls(false);
        SocketLogs.await(logs, Level.INFO, "restored", WAIT);
        assertThat(warnings()).allSatisfy(line -> assertThat(line).doesNotContain("ticket"));
        assertThat(SocketLogs.withAStackTrace(logs)).isEmpty();
        envelopesFlow();
    }

    @Test
    void aRateLimitedReconnect_waitsAsLongAsSlackAsked() throws Exception {
        started();
        fake.enqueueFault("apps.connections.open", new Fault.RateLimited(1));

        fake.dropConnections();

        SocketLogs.await(logs, Level.INFO, "restored after 2 attempt(s)", WAIT);
        assertThat(warnings())
                .containsExactly(
                        "Socket Mode connection lost (socket closed, code 1006); reconnecting",
                        "Socket Mode reconnect attempt 1 failed: apps.connections.open answered HTTP 429; next try in 1 s");
    }

    @Test
    void nextTry_isTheBackoffsWait_unlessSlackAskedForLonger() {
        Backoff backoff = FAST.reconnects();

        assertThat(Supervisor.nextTry(backoff, 1, Duration.ZERO))
                .isBetween(Duration.ofMillis(100), Duration.ofMillis(120));
        assertThat(Supervisor.nextTry(backoff, 3, Duration.ZERO))
                .isBetween(Duration.ofMillis(400), Duration.ofMillis(480));
        assertThat(Supervisor.nextTry(backoff, 40, Duration.ZERO))
                .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_200));
        assertThat(Supervisor.nextTry(backoff, 1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aHelloCallbackThatThrows_isLogged_andTheSocketStillComesUp() throws Exception {
        started(at -> {
            throw new IllegalStateException("the store is gone");
        });

        assertThat(supervisor.isUp()).isTrue();
        assertThat(supervisor.lastHello()).isPresent();
        assertThat(warnings())
                .singleElement()
                .asString()
                .startsWith("The hello callback failed: IllegalStateException at SupervisorTest.java:");
    }

    @Test
    void stopped_replacesNothing() throws Exception {
        started();

        supervisor.stop();
        fake.dropConnections();

        Await.until(WAIT, "the socket's close reported", () -> !frames.closeCodes.isEmpty());
        assertThat(supervisor.isUp()).isFalse();
        assertThat(fake.calls("apps.connections.open")).hasSize(1);
        assertThat(warnings()).isEmpty();
    }
}
