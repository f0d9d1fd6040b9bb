package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.SlackFake;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.util.http.listener.HttpResponseListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedGsonMethodsClient} against the SDK's stock {@link MethodsClientImpl}: the same
 * answers from the loopback Slack (ok, ok:false, 429 with Retry-After, a 5xx page) must come back
 * from both as the same response, or the same exception, with the same response listeners run.
 */
final class SharedGsonMethodsClientTest {

    /** The SDK version this client was written against: an upgrade must re-check it. */
    private static final String CHECKED_SDK = "1.48.0";

    private SlackFake fake;
    private Slack slack;
    private MethodsClient stock;
    private MethodsClient shared;
    private final List<String> heard = new ArrayList<>();

    /** What one call came to, in a form both clients' results can be compared by. */
    private record Outcome(
            String type,
            Object response,
            Map<String, List<String>> headers,
            Integer status,
            String retryAfter,
            String body,
            Object error,
            List<String> listeners) {}

    @BeforeEach
    void start() {
        fake = SlackFake.start();
        fake.addUser("U0CE", "ce", "Europe/Berlin");
        slack = SlackClients.create(fake.apiUrl(), Duration.ofSeconds(5));
        slack.getConfig().getHttpClientResponseHandlers().add(new HttpResponseListener() {
            @Override
            public void accept(State state) {
                heard.add(state.getResponse().code() + " " + state.getParsedResponseBody());
            }
        });
        stock = slack.methods(SlackFake.BOT_TOKEN);
        shared = new SharedGsonMethodsClient(slack, SlackFake.BOT_TOKEN, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void theSdkIsTheVersionThisClientWasCheckedAgainst() {
        assertThat(MethodsClientImpl.class.getPackage().getImplementationVersion())
                .as("slack-api-client is no longer " + CHECKED_SDK + ". SharedGsonMethodsClient replaces"
                        + " MethodsClientImpl.postFormWithTokenAndParseResponse with a copy of its steps: compare it"
                        + " with the new SDK's, run this test class, then set CHECKED_SDK to the new version")
                .isEqualTo(CHECKED_SDK);
        assertThat(stock).isExactlyInstanceOf(MethodsClientImpl.class);
    }

    @Test
    void ok_sameResponse_sameHeaders_sameListeners() {
        Outcome expected = call(stock);
        Outcome actual = call(shared);

        assertThat(expected.type()).isEqualTo("UsersInfoResponse");
        assertThat(((UsersInfoResponse) expected.response()).getUser().getTz()).isEqualTo("Europe/Berlin");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void okFalse_sameError_andTheListenersRun() {
        fake.enqueueFault("users.info", new Fault.NotOk("user_not_visible"), new Fault.NotOk("user_not_visible"));

        Outcome expected = call(stock);
        Outcome actual = call(shared);

        assertThat(((SlackApiTextResponse) expected.response()).getError()).isEqualTo("user_not_visible");
        assertThat(expected.listeners()).singleElement().asString().startsWith("200 ");
        assertThat(actual).isEqualTo(expected);
    }

    /** Both throw before any listener runs on a non-2xx answer: the stock client does too. */
    @Test
    void rateLimited_sameException_withRetryAfter_andNoListener() {
        fake.enqueueFault("users.info", new Fault.RateLimited(7), new Fault.RateLimited(7));

        Outcome expected = call(stock);
        Outcome actual = call(shared);

        assertThat(expected.type()).isEqualTo("SlackApiException");
        assertThat(expected.status()).isEqualTo(429);
        assertThat(expected.retryAfter()).isEqualTo("7");
        assertThat(expected.listeners()).isEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void serverError_sameException_withThePage_andNoListener() {
        fake.enqueueFault("users.info", new Fault.ServerError(503), new Fault.ServerError(503));

        Outcome expected = call(stock);
        Outcome actual = call(shared);

        assertThat(expected.status()).isEqualTo(503);
        assertThat(expected.body()).startsWith("<html>");
        assertThat(expected.listeners()).isEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    private Outcome call(MethodsClient client) {
        heard.clear();
        try {
            UsersInfoResponse r = client.usersInfo(q -> q.user("U0CE"));
            Map<String, List<String>> headers = new TreeMap<>(r.getHttpResponseHeaders());
            // The only header that may differ between two calls a moment apart.
            headers.remove("date");
            r.setHttpResponseHeaders(null);
            return new Outcome("UsersInfoResponse", r, headers, null, null, null, null, List.copyOf(heard));
        } catch (SlackApiException e) {
            return new Outcome(
                    "SlackApiException",
                    null,
                    null,
                    e.getResponse().code(),
                    e.getResponse().header("Retry-After"),
                    e.getResponseBody(),
                    e.getError(),
                    List.copyOf(heard));
        } catch (Exception e) {
            return new Outcome(
                    e.getClass().getSimpleName(), null, null, null, null, e.getMessage(), null, List.copyOf(heard));
        }
    }
}
