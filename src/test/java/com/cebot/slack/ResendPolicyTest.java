package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bot's Web API client against a loopback Slack that cuts connections: a write is never sent
 * twice by the HTTP layer, a read may be, and a kept-alive connection Slack closed is not written to.
 */
final class ResendPolicyTest {

    private static final String CHANNEL = "C1";

    private SlackFake fake;
    private Slack slack;
    private MethodsClient bot;

    @BeforeEach
    void start() throws Exception {
        fake = SlackFake.start();
        fake.addChannel(CHANNEL, "general", true);
        fake.addUser("U0CE", "ce", "UTC");
        slack = SlackClients.create(fake.apiUrl(), Duration.ofSeconds(2));
        bot = slack.methods(SlackFake.BOT_TOKEN);
        // Each test's faulted call then goes out on a kept-alive connection, as most of the bot's do.
        assertThat(bot.authTest(r -> r).isOk()).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void everyReadNamed_isAWebApiMethod() throws Exception {
        List<String> methods = new ArrayList<>();
        for (Field field : Methods.class.getFields()) {
            if (field.getType() == String.class) {
                methods.add((String) field.get(null));
            }
        }

        assertThat(methods).containsAll(ResendPolicy.READS);
    }

    @Test
    void okHttpIsTheVersionThePolicyWasCheckedAgainst() {
        assertThat(OkHttp.VERSION)
                .as("OkHttp is no longer 4.12.0. ResendPolicy relies on what its"
                        + " retryOnConnectionFailure covers, on network interceptors seeing the connection before the request"
                        + " is written, and on reading an HTTP/1.1 socket for a millisecond as its own health check does:"
                        + " re-check them, run this test class, then change the version here")
                .isEqualTo("4.12.0");
    }

    private ChatPostMessageResponse post(MethodsClient client, String text) throws Exception {
        return client.chatPostMessage(r -> r.channel(CHANNEL).text(text));
    }

    /**
     * Why the client is the bot's own: the SDK's default one makes the post twice when the reset
     * comes on a kept-alive connection (on a new one, OkHttp resends only if Slack's name gives it
     * another address to try).
     */
    @Test
    void theSdksDefaultClient_sendsAPostAgainAfterAResetThatCameOnceSlackMadeIt() throws Exception {
        Slack stock = Slack.getInstance(fake.slackConfig());
        try {
            MethodsClient client = stock.methods(SlackFake.BOT_TOKEN);
            assertThat(client.authTest(r -> r).isOk()).isTrue();
            fake.enqueueFault("chat.postMessage", new Fault.ResetAfterWork());

            assertThat(post(client, "hello").isOk()).isTrue();
        } finally {
            stock.close();
        }

        assertThat(fake.messages(CHANNEL)).extracting(Message::text).containsExactly("hello", "hello");
    }

    @Test
    void aPostWhoseConnectionIsResetOnceSlackMadeIt_isSentOnce_andTheCallerHearsTheFailure() {
        fake.enqueueFault("chat.postMessage", new Fault.ResetAfterWork());

        assertThatThrownBy(() -> post(bot, "hello")).isInstanceOf(IOException.class);

        assertThat(fake.calls("chat.postMessage")).hasSize(1);
        assertThat(fake.messages(CHANNEL)).extracting(Message::text).containsExactly("hello");
    }

    /** Each write the bot makes that is unsafe to repeat: one call reaches Slack, whatever it was. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "chat.postMessage",
                "chat.postEphemeral",
                "chat.update",
                "views.open",
                "usergroups.users.update",
                "files.getUploadURLExternal",
                "files.completeUploadExternal"
            })
    void everyWriteWhoseConnectionIsReset_reachesSlackOnce(String method) {
        fake.enqueueFault(method, new Fault.ResetAfterWork());

        assertThatThrownBy(() -> bot.postFormWithTokenAndParseResponse(
                        f -> f.add("channel", CHANNEL), method, SlackFake.BOT_TOKEN, ChatPostMessageResponse.class))
                .isInstanceOf(IOException.class);

        assertThat(fake.calls(method)).hasSize(1);
    }

    @Test
    void theBytesOfAnUploadWhoseConnectionIsReset_areSentOnce() {
        fake.enqueueFault(SlackFake.FILE_UPLOAD, new Fault.ResetAfterWork());

        assertThatThrownBy(() -> bot.filesUploadV2(
                        r -> r.channel(CHANNEL).filename("a.ics").content("BEGIN")))
                .isInstanceOf(IOException.class);

        assertThat(fake.calls(SlackFake.FILE_UPLOAD)).hasSize(1);
        assertThat(fake.calls("files.completeUploadExternal")).isEmpty();
    }

    @Test
    void aReadWhoseConnectionIsReset_isSentOnceMore() throws Exception {
        fake.enqueueFault("conversations.history", new Fault.ResetAfterWork());

        assertThat(bot.conversationsHistory(r -> r.channel(CHANNEL)).isOk()).isTrue();

        assertThat(fake.calls("conversations.history")).hasSize(2);
    }

    @Test
    void aReadResetTwice_failsToTheCaller() {
        fake.enqueueFault("users.info", new Fault.ResetAfterWork(), new Fault.ResetAfterWork());

        assertThatThrownBy(() -> bot.usersInfo(r -> r.user("U0CE"))).isInstanceOf(IOException.class);

        assertThat(fake.calls("users.info")).hasSize(2);
    }

    @Test
    void keptAliveConnectionsSlackClosed_areNotWrittenTo_eachPostGoesOutAtOnceOnANewOne() throws Exception {
        // Four posts at once leave four connections in the pool.
        List<CompletableFuture<Void>> first = List.of(1, 2, 3, 4).stream()
                .map(n -> CompletableFuture.runAsync(() -> {
                    try {
                        assertThat(post(bot, "first " + n).isOk()).isTrue();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }))
                .toList();
        first.forEach(CompletableFuture::join);

        assertThat(fake.closeIdleConnections())
                .as("pooled connections Slack closed")
                .isGreaterThanOrEqualTo(2);
        for (int n = 1; n <= 4; n++) {
            assertThat(post(bot, "second " + n).isOk()).isTrue();
        }

        assertThat(fake.calls("chat.postMessage"))
                .as("no request reached Slack on a closed connection")
                .hasSize(8);
        assertThat(fake.messages(CHANNEL)).hasSize(8);
    }

    @Test
    void aReadOnAKeptAliveConnectionSlackClosed_isAnsweredToo() throws Exception {
        assertThat(fake.closeIdleConnections()).isEqualTo(1);

        assertThat(bot.conversationsHistory(r -> r.channel(CHANNEL)).isOk()).isTrue();

        assertThat(fake.calls("conversations.history")).hasSize(1);
    }
}
