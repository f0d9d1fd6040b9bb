package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Frames to workers, envelopes through a real Bolt app, acks back on the socket: against the loopback Slack. */
final class DispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = "UALICE";
    private static final String CHANNEL = "C1";
    /** Stands for what a person typed: it must never reach a log line. */
    private static final String TYPED = "words-only-the-person-typed";
    /** The hello may take seconds on a busy two-core machine. */
    private static final SocketTiming TIMING = new SocketTiming(
            Duration.ofSeconds(5),
            Duration.ofSeconds(3),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final CountDownLatch heldStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch heldFinished = new CountDownLatch(1);
    private final Control control = new Control();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SlackFake fake;
    private Slack slack;
    private App app;
    private Dispatcher dispatcher;
    private Opener opener;

    /** Stands in for the supervisor: a hello brings its socket up; the current socket is set by the test. */
    private static final class Control implements Dispatcher.Control {
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        volatile Link current;

        @Override
        public void hello(Link link) {
            link.helloArrived();
        }

        @Override
        public void disconnect(Link link, String reason) {
            disconnects.add(reason);
        }

        @Override
        public Optional<Link> current() {
            return Optional.ofNullable(current);
        }
    }

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
        app.globalShortcut("held", (req, ctx) -> {
            heldStarted.countDown();
            awaitRelease();
            heldFinished.countDown();
            return ctx.ack();
        });
        app.command("/held", (req, ctx) -> {
            heldStarted.countDown();
            awaitRelease();
            return ctx.ack();
        });
        app.command(
                "/text",
                (req, ctx) ->
                        Response.builder().statusCode(200).body("plain words").build());
        app.command(
                "/json", (req, ctx) -> ctx.ack(r -> r.responseType("ephemeral").text("as JSON")));
        app.command("/boom", (req, ctx) -> {
            throw new IllegalStateException("could not read " + req.getPayload().getText());
        });
        app.start();
        dispatcher = new Dispatcher(app, 4, control, new SocketMeters(meters), new InHand(InHand.MOMENT));
        opener = new Opener(slack, SlackFake.APP_TOKEN, TIMING, new Link.Events() {
            @Override
            public void frame(Link link, String message) {
                dispatcher.frame(link, message);
            }

            @Override
            public void socketClosed(Link link, Integer code) {
                // The supervisor's business.
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        dispatcher.stopTaking();
        dispatcher.drain(WAIT);
        opener.stop();
        opener.closeAll();
        dispatcher.close();
        app.stop();
        slack.close();
        fake.close();
        assertThat(logs.events()).extracting(LogCapture::printed).noneMatch(line -> line.contains(TYPED));
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A socket that said hello, through the dispatcher, and is now the current one. */
    private Link connected() throws Exception {
        Opener.Attempt attempt = opener.open();
        assertThat(attempt.outcome()).isEqualTo(Outcome.of(Outcome.Kind.HELLO));
        control.current = attempt.link();
        return attempt.link();
    }

    private void shortcutIsAcked() {
        assertThat(fake.awaitAck(fake.sendGlobalShortcut("plain", ALICE), WAIT).payload())
                .isNull();
    }

    @Test
    void acks_carryBoltsAnswer_theWaySocketModeAppBuildsThem() throws Exception {
        connected();

        Ack plain = fake.awaitAck(fake.sendGlobalShortcut("plain", ALICE), WAIT);
        Ack text = fake.awaitAck(fake.sendSlashCommand("/text", TYPED, ALICE, CHANNEL), WAIT);
        Ack json = fake.awaitAck(fake.sendSlashCommand("/json", TYPED, ALICE, CHANNEL), WAIT);

        assertThat(plain.payload()).isNull();
        assertThat(text.payload().toString()).isEqualTo("{\"text\":\"plain words\"}");
        assertThat(json.payload().get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(json.payload().get("text").asText()).isEqualTo("as JSON");
        assertThat(count("cebot.socket.envelopes", "interactive", "shortcut")).isEqualTo(1);
        assertThat(count("cebot.socket.envelopes", "slash_commands", "command")).isEqualTo(2);
        // Each ack is timed once it is sent, a moment after Slack may have read it.
        Await.until(
                WAIT,
                "three acks timed",
                () -> meters.get("cebot.socket.acks").timers().stream()
                                .mapToLong(t -> t.count())
                                .sum()
                        == 3);
        assertThat(meters.get("cebot.socket.acks")
                        .tag("type", "shortcut")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("cebot.socket.acks")
                        .tag("type", "command")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(meters.get("cebot.socket.acks").timers())
                .allSatisfy(t -> assertThat(t.max(TimeUnit.SECONDS))
                        .as("from arrival to ack")
                        .isPositive()
                        .isLessThan(3));
        assertThat(meters.find("cebot.socket.acks.missed").counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    /** A counter of envelopes of one kind. */
    private double count(String name, String envelope, String type) {
        return meters.get(name)
                .tag("envelope", envelope)
                .tag("type", type)
                .counter()
                .count();
    }

    @Test
    void anEnvelopeBoltDoesNotHandle_isNotAcked_andLoggedWithoutItsBody() throws Exception {
        connected();

        String envelope = fake.sendSlashCommand("/nobody", TYPED, ALICE, CHANNEL);

        String line = logs.await(EnvelopeHandler.class, Level.WARN, envelope, WAIT);
        assertThat(line).isEqualTo("Bolt answered 404 to slash_commands envelope " + envelope + "; not acked");
        shortcutIsAcked();
        assertThat(fake.acks()).extracting(Ack::envelopeId).doesNotContain(envelope);
        assertThat(count("cebot.socket.acks.missed", "slash_commands", "command"))
                .isEqualTo(1);
    }

    @Test
    void aListenerThatThrows_isLoggedOnce_withoutWhatWasTyped_andNotAcked() throws Exception {
        connected();

        String envelope = fake.sendSlashCommand("/boom", TYPED, ALICE, CHANNEL);

        String line = logs.await(EnvelopeHandler.class, Level.ERROR, envelope, WAIT);
        assertThat(line)
                .startsWith("Handling slash_commands envelope " + envelope
                        + " failed: IllegalStateException at DispatcherTest.java:");
        assertThat(logs.lines(EnvelopeHandler.class, Level.ERROR)).hasSize(1);
        shortcutIsAcked();
        assertThat(fake.acks()).extracting(Ack::envelopeId).doesNotContain(envelope);
        assertThat(SocketLogs.withAStackTrace(logs)).isEmpty();
        assertThat(count("cebot.socket.acks.missed", "slash_commands", "command"))
                .isEqualTo(1);
    }

    @Test
    void envelopes_runAtOnce_notOneByOne() throws Exception {
        connected();
        // A command's ack waits for its listener (it may carry the answer): this one is held.
        String held = fake.sendSlashCommand("/held", "", ALICE, CHANNEL);
        assertThat(heldStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        fake.awaitAck(fake.sendGlobalShortcut("plain", ALICE), WAIT);

        assertThat(fake.acks()).extracting(Ack::envelopeId).doesNotContain(held);
        release.countDown();
        fake.awaitAck(held, WAIT);
    }

    @Test
    void aShortcut_isAckedAsItArrives_beforeItsListenerRuns_andOnlyOnce() throws Exception {
        connected();

        String held = fake.sendGlobalShortcut("held", ALICE);

        assertThat(heldStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(fake.awaitAck(held, WAIT).payload()).isNull();
        assertThat(heldFinished.getCount()).as("the listener is still running").isEqualTo(1);
        release.countDown();
        assertThat(heldFinished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        shortcutIsAcked();
        assertThat(fake.acks())
                .extracting(Ack::envelopeId)
                .filteredOn(held::equals)
                .hasSize(1);
        assertThat(SocketLogs.lines(logs, Level.WARN)).isEmpty();
    }

    @Test
    void helloAndDisconnect_goToTheControl() throws Exception {
        connected();

        fake.sendDisconnect("refresh_requested");

        Await.until(WAIT, "the disconnect", () -> !control.disconnects.isEmpty());
        assertThat(control.disconnects).containsExactly("refresh_requested");
    }

    @Test
    void anAckWhoseSocketClosedMeanwhile_goesOnTheCurrentSocket() throws Exception {
        Link first = connected();
        String envelope = fake.sendSlashCommand("/held", "", ALICE, CHANNEL);
        assertThat(heldStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Link second = connected();

        first.close();
        release.countDown();

        assertThat(fake.awaitAck(envelope, WAIT).payload()).isNull();
        assertThat(second.canSend()).isTrue();
        assertThat(SocketLogs.lines(logs, Level.WARN)).isEmpty();
    }
}
