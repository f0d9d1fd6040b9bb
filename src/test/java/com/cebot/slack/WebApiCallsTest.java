package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.SlackFake;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every call the bot's Web API client makes is counted by method and by what came of it, against the
 * loopback Slack and its faults; the tags hold Slack's error code and nothing else of an answer.
 */
final class WebApiCallsTest {

    private static final String CHANNEL = "C0SUPPORT1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SlackFake fake;
    private Slack slack;
    private MethodsClient client;

    @BeforeEach
    void start() {
        fake = SlackFake.start();
        fake.addUser("U0CE", "ce", "Europe/Berlin");
        fake.addChannel(CHANNEL, "customer-support", true);
        slack = SlackClients.create(fake.apiUrl(), Duration.ofMillis(500));
        client = new SharedGsonMethodsClient(slack, SlackFake.BOT_TOKEN, meters);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    /** The calls counted under these tags. */
    private long calls(String method, String outcome, String error) {
        Timer timer = meters.find("cebot.slack.api.calls")
                .tag("method", method)
                .tag("outcome", outcome)
                .tag("error", error)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private void post() throws IOException, SlackApiException {
        client.chatPostMessage(r -> r.channel(CHANNEL).text("hello"));
    }

    @Test
    void anAnswer_isCountedOk_orByItsErrorCode() throws Exception {
        fake.enqueueFault("chat.postMessage", new Fault.NotOk("channel_not_found"));

        post();
        post();
        client.usersInfo(r -> r.user("U0CE"));

        assertThat(calls("chat.postMessage", "error", "channel_not_found")).isEqualTo(1);
        assertThat(calls("chat.postMessage", "ok", "none")).isEqualTo(1);
        assertThat(calls("users.info", "ok", "none")).isEqualTo(1);
        assertThat(meters.get("cebot.slack.api.calls").timers()).hasSize(3);
    }

    @Test
    void aRateLimit_aServerError_andAnyOtherStatus_areCountedByKind() {
        fake.enqueueFault(
                "chat.postMessage", new Fault.RateLimited(3), new Fault.ServerError(503), new Fault.ServerError(404));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::post).isInstanceOf(SlackApiException.class);
        }

        assertThat(calls("chat.postMessage", "ratelimited", "none")).isEqualTo(1);
        assertThat(calls("chat.postMessage", "server_error", "none")).isEqualTo(1);
        assertThat(calls("chat.postMessage", "http_error", "none")).isEqualTo(1);
    }

    @Test
    void aCallThatTimesOut_isATimeout() {
        fake.enqueueFault("chat.postMessage", new Fault.Hang(Duration.ofSeconds(2)));

        assertThatThrownBy(this::post).isInstanceOf(IOException.class);

        assertThat(calls("chat.postMessage", "timeout", "none")).isEqualTo(1);
    }

    @Test
    void aWriteWhoseConnectionWasResetAfterSlackDidTheWork_isOfUnknownFate() {
        fake.enqueueFault("chat.postMessage", new Fault.ResetAfterWork());

        assertThatThrownBy(this::post).isInstanceOf(IOException.class);

        assertThat(calls("chat.postMessage", "unknown_fate", "none")).isEqualTo(1);
        assertThat(fake.calls("chat.postMessage")).as("Slack did make it").hasSize(1);
    }

    @Test
    void aCallNoConnectionCouldBeMadeFor_wasNotSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Slack nowhere = SlackClients.create("http://127.0.0.1:" + closedPort + "/api/", Duration.ofMillis(500));
        try {
            MethodsClient unreachable = new SharedGsonMethodsClient(nowhere, SlackFake.BOT_TOKEN, meters);

            assertThatThrownBy(() -> unreachable.authTest(r -> r)).isInstanceOf(IOException.class);
        } finally {
            nowhere.close();
        }

        assertThat(calls("auth.test", "not_sent", "none")).isEqualTo(1);
    }

    @Test
    void anErrorCodeNotInSlacksShape_isOther() {
        assertThat(WebApiCalls.code("not_in_channel")).isEqualTo("not_in_channel");
        for (String odd : List.of("", "Invalid channel C0SUPPORT1", "x".repeat(65), "missing scope: chat:write")) {
            assertThat(WebApiCalls.code(odd)).as(odd).isEqualTo("other");
        }
        assertThat(WebApiCalls.code(null)).isEqualTo("other");
    }
}
