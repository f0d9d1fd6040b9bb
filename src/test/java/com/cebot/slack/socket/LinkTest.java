package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.slack.api.Slack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One socket against the loopback Slack: its frames, its outcome, its acks, its closing. */
final class LinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketTiming TIMING = new SocketTiming(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    private final List<Link> links = new ArrayList<>();
    private SlackFake fake;
    private Slack slack;

    @BeforeEach
    void setUp() {
        fake = SlackFake.start();
        fake.addUser("UALICE", "alice", "Europe/Berlin");
        slack = Slack.getInstance(fake.slackConfig());
    }

    @AfterEach
    void tearDown() throws Exception {
        links.forEach(Link::close);
        slack.close();
        fake.close();
    }

    private Link link(Recorder events) throws Exception {
        String url = slack.methods()
                .appsConnectionsOpen(r -> r.token(SlackFake.APP_TOKEN))
                .getUrl();
        Link link = new Link(slack, SlackFake.APP_TOKEN, url, TIMING, events);
        links.add(link);
        return link;
    }

    private Link connected(Recorder events) throws Exception {
        Link link = link(events);
        CompletableFuture.runAsync(link::connect);
        assertThat(link.awaitOutcome(WAIT)).isEqualTo(Outcome.of(Outcome.Kind.HELLO));
        return link;
    }

    @Test
    void everyFrameIsPassedOn_andTheSocketIsUpOnlyOnceItsHelloIsPassedBack() throws Exception {
        Recorder events = new Recorder(false);
        Link link = link(events);

        CompletableFuture.runAsync(link::connect);

        Await.until(
                WAIT,
                "hello",
                () -> events.frames.stream()
                        .anyMatch(f -> "hello".equals(f.header().type())));
        assertThat(link.awaitOutcome(Duration.ZERO).kind()).isEqualTo(Outcome.Kind.TIMEOUT);
        link.helloArrived();
        assertThat(link.awaitOutcome(WAIT)).isEqualTo(Outcome.of(Outcome.Kind.HELLO));
        assertThat(link.canSend()).isTrue();
        assertThat(link.host).matches("127\\.0\\.0\\.1:\\d+");
        String envelope = fake.sendGlobalShortcut("any", "UALICE");
        Await.until(WAIT, "the shortcut's frame", () -> events.received(envelope));
        assertThat(events.frames).allSatisfy(f -> assertThat(f.link()).isSameAs(link));
    }

    @Test
    void anAck_goesOutOnTheSocket() throws Exception {
        Link link = connected(new Recorder(true));
        String envelope = fake.sendGlobalShortcut("any", "UALICE");

        link.send("{\"envelope_id\":\"" + envelope + "\"}");

        assertThat(fake.awaitAck(envelope, WAIT).payload()).isNull();
    }

    @Test
    void aUrlWhereNothingListens_endsTheAttemptAsNotOpened() throws Exception {
        fake.handOutDeadSocketUrls(true);
        Link link = link(new Recorder(true));

        CompletableFuture.runAsync(link::connect);

        assertThat(link.awaitOutcome(WAIT)).isEqualTo(Outcome.of(Outcome.Kind.NOT_OPENED));
        assertThat(link.host).doesNotContain("ticket");
    }

    @Test
    void aDisconnectBeforeHello_endsTheAttemptWithItsReason_butAfterHelloOnlyNotesIt() throws Exception {
        Link opening = link(new Recorder(true));
        Link up = connected(new Recorder(true));

        assertThat(opening.askedToLeave("too_many_websockets")).isTrue();
        assertThat(up.askedToLeave("refresh_requested")).isFalse();

        assertThat(opening.awaitOutcome(WAIT)).isEqualTo(Outcome.of(Outcome.Kind.DISCONNECTED, "too_many_websockets"));
        assertThat(up.leaveReason()).isEqualTo("refresh_requested");
        assertThat(up.canSend()).isTrue();
    }

    @Test
    void aSocketThatIsCut_isReportedWithItsCode() throws Exception {
        Recorder events = new Recorder(true);
        Link link = connected(events);

        fake.dropConnections();

        Await.until(WAIT, "the close reported", () -> !events.closeCodes.isEmpty());
        assertThat(events.closeCodes).containsExactly(1006);
        assertThat(link.socketClosed()).isTrue();
        assertThat(link.canSend()).isFalse();
        assertThat(link.answersPing()).isFalse();
    }

    @Test
    void closingALink_isNotReportedAsASocketThatClosed() throws Exception {
        Recorder events = new Recorder(true);
        Link link = connected(events);

        link.close();

        Await.until(WAIT, "the WebSocket to close", link::socketClosed);
        fake.awaitConnections(0, WAIT);
        assertThat(link.isClosed()).isTrue();
        assertThat(events.closeCodes).isEmpty();
    }

    @Test
    void aRetiredLink_closesOnceItsLastEnvelopeIsDone() throws Exception {
        Link link = connected(new Recorder(true));
        link.taken();
        link.taken();

        link.retire();
        link.finished();
        assertThat(link.isClosed()).as("one envelope still running").isFalse();
        link.finished();

        assertThat(link.isClosed()).isTrue();
        fake.awaitConnections(0, WAIT);
    }

    @Test
    void anIdleLink_closesAsSoonAsItIsRetired() throws Exception {
        Link link = connected(new Recorder(true));

        link.retire();

        assertThat(link.isClosed()).isTrue();
        assertThat(link.awaitOutcome(Duration.ZERO).kind())
                .as("its attempt had ended")
                .isEqualTo(Outcome.Kind.HELLO);
    }
}
