package com.cebot.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.view.View;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackFake fake;
    private Slack slack;
    private MethodsClient stock;
    private MethodsClient shared;
    private final List<String> heard = new ArrayList<>();
    private final List<String> sentAs = new ArrayList<>();

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
                var sent = state.getResponse().request();
                sentAs.add(sent.url().encodedPath() + " "
                        + (sent.body() == null ? null : sent.body().contentType()));
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

    /**
     * views.open, views.update and views.publish go as JSON where the stock client sends forms:
     * Slack reads the same fields from both (the view as the same JSON, text that a form would
     * percent-encode included), and both answers are read alike.
     */
    @Test
    void views_sentAsJson_reachSlackAsTheStockFormsDo_andAreAnsweredAlike() throws Exception {
        View modal = view(v -> v.type("modal")
                .callbackId("ctx")
                .privateMetadata("{\"a\":\"b & c = 100% ✓\"}")
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Context")))
                .blocks(asBlocks(section(x -> x.text(markdownText("*Acme* & <https://x.y/?a=1&b=2|link> ünïcødé"))))));

        var stockOpen =
                stock.viewsOpen(r -> r.triggerId(fake.issueTriggerId("U0CE")).view(modal));
        var sharedOpen =
                shared.viewsOpen(r -> r.triggerId(fake.issueTriggerId("U0CE")).view(modal));
        var stockUpdate = stock.viewsUpdate(r -> r.viewId(stockOpen.getView().getId())
                .hash(stockOpen.getView().getHash())
                .view(modal));
        var sharedUpdate = shared.viewsUpdate(r -> r.viewId(sharedOpen.getView().getId())
                .hash(sharedOpen.getView().getHash())
                .view(modal));
        View home = view(v -> v.type("home").blocks(modal.getBlocks()));
        var stockPublish = stock.viewsPublish(r -> r.userId("U0CE").view(home));
        var sharedPublish = shared.viewsPublish(r -> r.userId("U0CE").view(home));

        String form = "application/x-www-form-urlencoded";
        String json = "application/json; charset=utf-8";
        assertThat(sentAs)
                .containsExactly(
                        "/api/views.open " + form,
                        "/api/views.open " + json,
                        "/api/views.update " + form,
                        "/api/views.update " + json,
                        "/api/views.publish " + form,
                        "/api/views.publish " + json);
        for (String method : List.of("views.open", "views.update", "views.publish")) {
            List<RecordedCall> calls = fake.calls(method);
            assertThat(calls).as(method).hasSize(2).allMatch(c -> c.status() == 200);
            assertThat(JSON.readTree(calls.get(1).param("view")))
                    .as(method + ": the view Slack read")
                    .isEqualTo(JSON.readTree(calls.get(0).param("view")));
            assertThat(calls.get(1).params().keySet())
                    .as(method)
                    .isEqualTo(calls.get(0).params().keySet());
        }
        assertThat(fake.calls("views.open").get(1).param("trigger_id")).startsWith("1");
        assertThat(List.of(sharedOpen.isOk(), sharedUpdate.isOk(), sharedPublish.isOk()))
                .containsOnly(true);
        assertThat(sharedOpen.getView().getBlocks())
                .isEqualTo(stockOpen.getView().getBlocks());
        assertThat(sharedUpdate.getView().getPrivateMetadata())
                .isEqualTo(stockUpdate.getView().getPrivateMetadata());
        assertThat(sharedPublish.getView().getBlocks())
                .isEqualTo(stockPublish.getView().getBlocks());
        assertThat(sharedOpen.getHttpResponseHeaders()).containsKey("content-type");
    }

    /** A refusal of a view sent as JSON throws as the stock client's does, before any listener. */
    @Test
    void viewsOpen_rateLimited_sameExceptionAsTheStockClient() {
        fake.enqueueFault("views.open", new Fault.RateLimited(7), new Fault.RateLimited(7));
        View modal = view(
                v -> v.type("modal").title(viewTitle(t -> t.type("plain_text").text("T"))));

        List<Object> outcomes = new ArrayList<>();
        for (MethodsClient client : List.of(stock, shared)) {
            heard.clear();
            try {
                client.viewsOpen(r -> r.triggerId(fake.issueTriggerId("U0CE")).view(modal));
                outcomes.add("answered");
            } catch (SlackApiException e) {
                outcomes.add(
                        List.of(e.getResponse().code(), e.getResponse().header("Retry-After"), List.copyOf(heard)));
            } catch (Exception e) {
                outcomes.add(e.getClass().getSimpleName());
            }
        }
        assertThat(outcomes.get(0)).isEqualTo(List.of(429, "7", List.of()));
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
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
