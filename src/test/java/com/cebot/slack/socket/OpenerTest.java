package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.SlackFake;
import com.slack.api.Slack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One try at a socket: a URL from apps.connections.open, the socket, its hello; and what it says when there is none. */
final class OpenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The hello may take seconds on a busy two-core machine. */
    private static final SocketTiming TIMING = new SocketTiming(
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    private static final SocketTiming SHORT_HELLO = new SocketTiming(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));

    private final List<Opener> openers = new ArrayList<>();
    private SlackFake fake;
    private Slack slack;

    @BeforeEach
    void setUp() {
        fake = SlackFake.start();
        slack = Slack.getInstance(fake.slackConfig());
    }

    @AfterEach
    void tearDown() throws Exception {
        openers.forEach(o -> {
            o.stop();
            o.closeAll();
        });
        slack.close();
        fake.close();
    }

    private Opener opener(String appToken) {
        return opener(appToken, TIMING);
    }

    private Opener opener(String appToken, SocketTiming timing) {
        Opener opener = new Opener(slack, appToken, timing, new Recorder(true));
        openers.add(opener);
        return opener;
    }

    @Test
    void open_returnsTheNewSocket_onceItSaidHello() throws Exception {
        Opener.Attempt attempt = opener(SlackFake.APP_TOKEN).open();

        assertThat(attempt.outcome()).isEqualTo(Outcome.of(Outcome.Kind.HELLO));
        assertThat(attempt.link().canSend()).isTrue();
        assertThat(fake.openConnections()).isEqualTo(1);
        assertThat(fake.calls("apps.connections.open")).hasSize(1);
    }

    @Test
    void aRefusedAppToken_failsAsRefused_withSlacksErrorCode_andOpensNoSocket() {
        AttemptFailed failed = catchThrowableOfType(
                AttemptFailed.class, () -> opener("xapp-1-revoked").open());

        assertThat(failed.refusedToken).isTrue();
        assertThat(failed).hasMessage("invalid_auth");
        assertThat(fake.connectionsOpened()).isZero();
    }

    @Test
    void aServerError_isNamedByItsStatus() {
        fake.enqueueFault("apps.connections.open", new Fault.ServerError(503));

        AttemptFailed failed = catchThrowableOfType(
                AttemptFailed.class, () -> opener(SlackFake.APP_TOKEN).open());

        assertThat(failed).hasMessage("apps.connections.open answered HTTP 503");
        assertThat(failed.refusedToken).isFalse();
        assertThat(failed.retryAfter).isZero();
    }

    @Test
    void aRateLimit_carriesHowLongSlackAskedToWait() {
        fake.enqueueFault("apps.connections.open", new Fault.RateLimited(7));

        AttemptFailed failed = catchThrowableOfType(
                AttemptFailed.class, () -> opener(SlackFake.APP_TOKEN).open());

        assertThat(failed).hasMessage("apps.connections.open answered HTTP 429");
        assertThat(failed.retryAfter).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aSocketWithoutHello_endsAfterTheHelloTimeout_leftOpenForTheCallerToClose() throws Exception {
        fake.withholdHello(true);

        Opener.Attempt attempt = opener(SlackFake.APP_TOKEN, SHORT_HELLO).open();

        assertThat(attempt.outcome()).isEqualTo(Outcome.of(Outcome.Kind.TIMEOUT));
        assertThat(attempt.link().isClosed()).isFalse();
        attempt.link().close();
        fake.awaitConnections(0, WAIT);
    }

    @Test
    void stopped_opensNothingMore_andCloseAllClosesEverySocketItMade() throws Exception {
        Opener opener = opener(SlackFake.APP_TOKEN);
        Link first = opener.open().link();
        Link second = opener.open().link();
        fake.awaitConnections(2, WAIT);

        opener.stop();

        assertThatThrownBy(opener::open).isInstanceOf(AttemptFailed.class).hasMessage("closing");
        assertThat(fake.connectionsOpened()).isEqualTo(2);
        opener.closeAll();
        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isTrue();
        fake.awaitConnections(0, WAIT);
    }
}
