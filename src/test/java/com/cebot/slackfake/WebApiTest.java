package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.testing.Await;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's HTTP side as the real Java SDK sees it: tokens, recording and faults. */
final class WebApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackFake fake;
    private Slack slack;
    private MethodsClient bot;
    private final List<Slack> others = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = SlackFake.start();
        fake.addChannel("C1", "general", true);
        slack = fake.strictSlack();
        bot = slack.methods(SlackFake.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        for (Slack other : others) {
            other.close();
        }
        slack.close();
        fake.close();
    }

    @Test
    void authTest_withBotToken_namesTheBotUser() throws Exception {
        AuthTestResponse response = bot.authTest(r -> r);

        assertThat(response.isOk()).isTrue();
        assertThat(response.getUserId()).isEqualTo(SlackFake.BOT_USER_ID);
        assertThat(response.getBotId()).isEqualTo(SlackFake.BOT_ID);
        assertThat(response.getTeamId()).isEqualTo(SlackFake.TEAM_ID);
    }

    @Test
    void authTest_withAppToken_answersForTheApp() throws Exception {
        AuthTestResponse response = slack.methods(SlackFake.APP_TOKEN).authTest(r -> r);

        assertThat(response.isOk()).isTrue();
        assertThat(response.getAppId()).isEqualTo(SlackFake.APP_ID);
        assertThat(response.getTeamId()).isEqualTo(SlackFake.TEAM_ID);
    }

    @Test
    void appsConnectionsOpen_withAppToken_handsOutALoopbackSocketUrl() throws Exception {
        String url =
                slack.methods(SlackFake.APP_TOKEN).appsConnectionsOpen(r -> r).getUrl();

        assertThat(url).matches("ws://127\\.0\\.0\\.1:\\d+/link\\?ticket=\\d+");
    }

    @Test
    void appsConnectionsOpen_withBotToken_isInvalidAuth() throws Exception {
        assertThat(bot.appsConnectionsOpen(r -> r).getError()).isEqualTo("invalid_auth");
    }

    @Test
    void botMethod_withAppToken_isNotAllowedTokenType() throws Exception {
        ChatPostMessageResponse response = slack.methods(SlackFake.APP_TOKEN)
                .chatPostMessage(r -> r.channel("C1").text("hi"));

        assertThat(response.getError()).isEqualTo("not_allowed_token_type");
    }

    @Test
    void unknownToken_isInvalidAuth() throws Exception {
        assertThat(slack.methods("xoxb-wrong")
                        .chatPostMessage(r -> r.channel("C1").text("hi"))
                        .getError())
                .isEqualTo("invalid_auth");
    }

    @Test
    void sdkWithoutToken_sendsBearerNull_whichIsInvalidAuth() throws Exception {
        assertThat(slack.methods()
                        .chatPostMessage(r -> r.channel("C1").text("hi"))
                        .getError())
                .isEqualTo("invalid_auth");
        assertThat(fake.awaitCall("chat.postMessage", WAIT).token()).isEqualTo("null");
    }

    @Test
    void noAuthorizationHeader_isNotAuthed() throws Exception {
        HttpResponse<String> response = rawPost("chat.postMessage", null);

        assertThat(response.body()).isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");
    }

    @Test
    void unknownMethod_isOkFalseOverHttp200() throws Exception {
        HttpResponse<String> response = rawPost("no.such.method", SlackFake.BOT_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");
    }

    @Test
    void everyCall_isRecordedWithTokenFieldsAndParsedJson() throws Exception {
        bot.chatPostMessage(r -> r.channel("C1").text("hi").blocksAsString("[{\"type\":\"divider\"}]"));

        RecordedCall call = fake.awaitCall("chat.postMessage", WAIT);
        assertThat(call.token()).isEqualTo(SlackFake.BOT_TOKEN);
        assertThat(call.param("channel")).isEqualTo("C1");
        assertThat(call.param("blocks")).isEqualTo("[{\"type\":\"divider\"}]");
        assertThat(call.json().get("blocks").get(0).get("type").asText()).isEqualTo("divider");
        assertThat(call.status()).isEqualTo(200);
    }

    @Test
    void awaitCalls_returnsOnceACallFromAnotherThreadArrives() {
        CompletableFuture.runAsync(() -> post("later"));

        assertThat(fake.awaitCalls("chat.postMessage", 1, WAIT)).hasSize(1);
    }

    @Test
    void awaitCalls_thatNeverCome_failListingWhatDidArrive() {
        post("hi");

        assertThatThrownBy(() -> fake.awaitCalls("views.open", 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("views.open")
                .hasMessageContaining("chat.postMessage(200)");
    }

    @Test
    void clearCalls_forgetsEarlierCalls() {
        post("hi");

        fake.clearCalls();

        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void rateLimited_throwsSlackApiExceptionWithRetryAfter_thenServiceResumes() {
        fake.enqueueFault("chat.postMessage", new Fault.RateLimited(7));

        assertThatThrownBy(() -> bot.chatPostMessage(r -> r.channel("C1").text("hi")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
                    assertThat(e.getError().getError()).isEqualTo("ratelimited");
                });
        assertThat(post("again").isOk()).isTrue();
        assertThat(fake.calls("chat.postMessage"))
                .extracting(RecordedCall::status)
                .containsExactly(429, 200);
    }

    @Test
    void serverError_throwsSlackApiExceptionWithTheStatus() {
        fake.enqueueFault("chat.postMessage", new Fault.ServerError(503));

        assertThatThrownBy(() -> bot.chatPostMessage(r -> r.channel("C1").text("hi")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(503);
                    assertThat(e.getResponseBody()).startsWith("<html>");
                });
    }

    @Test
    void faults_applyToTheNextCallsInOrder() {
        fake.enqueueFault("chat.postMessage", new Fault.NotOk("fatal_error"), new Fault.NotOk("internal_error"));

        assertThat(post("1").getError()).isEqualTo("fatal_error");
        assertThat(post("2").getError()).isEqualTo("internal_error");
        assertThat(post("3").isOk()).isTrue();
        assertThat(fake.messages("C1")).extracting(Message::text).containsExactly("3");
    }

    @Test
    void hang_outlastsTheClientReadTimeout_andIsStillRecorded() {
        SlackConfig config = fake.slackConfig();
        config.setHttpClientReadTimeoutMillis(100);
        MethodsClient impatient = Slack.getInstance(config).methods(SlackFake.BOT_TOKEN);
        fake.enqueueFault("chat.postMessage", new Fault.Hang(Duration.ofMillis(400)));

        assertThatThrownBy(() -> impatient.chatPostMessage(r -> r.channel("C1").text("slow")))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(fake.awaitCall("chat.postMessage", WAIT).status()).isEqualTo(200);
    }

    @Test
    void resetAfterWork_doesTheCall_andTheClientReadsAResetInsteadOfTheAnswer() {
        fake.enqueueFault("chat.postMessage", new Fault.ResetAfterWork());
        MethodsClient once = sendingOnce();

        assertThatThrownBy(() -> once.chatPostMessage(r -> r.channel("C1").text("hi")))
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");

        assertThat(fake.calls("chat.postMessage"))
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(fake.messages("C1")).extracting(Message::text).containsExactly("hi");
        assertThat(post("after").isOk()).as("normal service after the reset").isTrue();
    }

    @Test
    void closeIdleConnections_makesTheNextRequestOnAKeptAliveConnectionFail_beforeTheServerReadsIt() throws Exception {
        MethodsClient client = sendingOnce();
        assertThat(client.chatPostMessage(r -> r.channel("C1").text("first")).isOk())
                .isTrue();

        assertThat(fake.closeIdleConnections()).isEqualTo(1);

        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1").text("second")))
                .isInstanceOf(IOException.class);
        assertThat(fake.calls("chat.postMessage")).hasSize(1);
        assertThat(fake.messages("C1")).extracting(Message::text).containsExactly("first");
    }

    @Test
    void closeIdleConnections_leavesAConnectionCarryingACall() throws Exception {
        fake.enqueueFault("chat.postMessage", new Fault.Hang(Duration.ofMillis(500)));
        CompletableFuture<ChatPostMessageResponse> slow = CompletableFuture.supplyAsync(() -> post("slow"));
        Await.until(WAIT, "the hung call received", () -> fake.callsInProgress() == 1);

        assertThat(fake.closeIdleConnections()).isZero();

        assertThat(slow.join().isOk()).isTrue();
    }

    /** The SDK's client with OkHttp's own resending off, so each call meets the fake's wire once. */
    private MethodsClient sendingOnce() {
        SlackConfig config = fake.slackConfig();
        Slack once = Slack.getInstance(
                config,
                new SlackHttpClient(SlackHttpClient.buildOkHttpClient(config)
                        .newBuilder()
                        .retryOnConnectionFailure(false)
                        .build()));
        others.add(once);
        return once.methods(SlackFake.BOT_TOKEN);
    }

    private HttpResponse<String> rawPost(String method, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.apiUrl() + method))
                .POST(HttpRequest.BodyPublishers.ofString("channel=C1&text=hi"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ChatPostMessageResponse post(String text) {
        try {
            return bot.chatPostMessage(r -> r.channel("C1").text(text));
        } catch (IOException | SlackApiException e) {
            throw new AssertionError(e);
        }
    }
}
