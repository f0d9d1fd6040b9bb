package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bolt gets the same request from the cut-out payload as from the SDK's parser, retries included. */
final class BoltRequestsTest {

    private final AppConfig config =
            AppConfig.builder().singleTeamBotToken("xoxb-test").build();
    private final BoltRequests requests = new BoltRequests(config);
    private final SocketModeRequestParser sdk = new SocketModeRequestParser(config);

    @Test
    void aViewSubmission_isTheSdksRequest_whateverWasTyped() throws IOException {
        String frame = """
                {"envelope_id": "e1", "type": "interactive", "accepts_response_payload": true,
                 "payload": {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1", "name": "a"},
                  "view": {"id": "V1", "type": "modal", "callback_id": "cb", "blocks": [{"type": "input",
                   "block_id": "b", "element": {"type": "plain_text_input", "action_id": "a"},
                   "label": {"type": "plain_text", "text": "L"}}],
                   "state": {"values": {"b": {"a": {"type": "plain_text_input",
                    "value": "<script> \\"quoted\\" \\\\ back \\u2028 line 😀 {not: json} ]"}}}}},
                  "response_urls": []}}""";

        Request<?> ours = requests.parse(frame);
        Request<?> theirs = sdk.parse(frame).getBoltRequest();

        assertThat(ours).isInstanceOf(ViewSubmissionRequest.class);
        assertThat(((ViewSubmissionRequest) ours).getPayload())
                .isEqualTo(((ViewSubmissionRequest) theirs).getPayload());
        assertThat(((ViewSubmissionRequest) ours)
                        .getPayload()
                        .getView()
                        .getState()
                        .getValues()
                        .get("b")
                        .get("a")
                        .getValue())
                .isEqualTo("<script> \"quoted\" \\ back \u2028 line 😀 {not: json} ]");
        assertSame(ours, theirs);
    }

    @Test
    void aRetriedEvent_carriesSlacksRetryHeaders_asTheSdkSetsThem() throws IOException {
        String frame = """
                {"envelope_id": "e2", "retry_attempt": 2, "retry_reason": "timeout", "type": "events_api",
                 "payload": {"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                  "event_id": "Ev1", "event_time": 1, "event": {"type": "app_home_opened", "user": "U1",
                   "channel": "D1", "tab": "home"}}, "accepts_response_payload": false}""";

        Request<?> ours = requests.parse(frame);
        Request<?> theirs = sdk.parse(frame).getBoltRequest();

        assertThat(ours.getHeaders().getFirstValue("X-Slack-Retry-Num")).isEqualTo("2");
        assertThat(ours.getHeaders().getFirstValue("X-Slack-Retry-Reason")).isEqualTo("timeout");
        assertSame(ours, theirs);
    }

    @Test
    void aShortcut_andASlashCommand_areTheSdksRequests() throws IOException {
        assertSame(requests.parse("""
                        {"envelope_id": "e3", "type": "interactive", "payload": {"type": "shortcut",
                         "callback_id": "cb", "trigger_id": "t", "user": {"id": "U1"}, "team": {"id": "T1"}}}"""), sdk.parse("""
                                {"envelope_id": "e3", "type": "interactive", "payload": {"type": "shortcut",
                                 "callback_id": "cb", "trigger_id": "t", "user": {"id": "U1"}, "team": {"id": "T1"}}}""").getBoltRequest());
        String command = """
                {"envelope_id": "e4", "type": "slash_commands", "payload": {"command": "/ooo", "text": "help",
                 "user_id": "U1", "team_id": "T1", "channel_id": "C1", "trigger_id": "t"}}""";
        assertSame(requests.parse(command), sdk.parse(command).getBoltRequest());
    }

    @Test
    void aFrameWithoutAPayloadObject_isNoRequest_andOneThatIsNotJson_fails() throws IOException {
        assertThat(requests.parse("{\"type\": \"interactive\", \"envelope_id\": \"e\"}"))
                .isNull();
        assertThat(requests.parse("{\"type\": \"interactive\", \"payload\": \"text\"}"))
                .isNull();
        assertThat(requests.parse("[1, 2]")).isNull();
        assertThatThrownBy(() -> requests.parse("{\"type\": \"interactive\", \"payload\": {\"type\": "))
                .isInstanceOf(IOException.class);
    }

    /**
     * Bolt's constructor reads a submission's team and enterprise from wherever the payload has
     * them, in an order; the request made without it reads them from the same places.
     */
    @Test
    void aSubmission_fromAnotherWorkspaceOrAFunction_hasTheContextBoltsConstructorGives() throws IOException {
        List<String> payloads = List.of("""
                {"type": "view_submission", "enterprise": {"id": "E1"}, "team": {"id": "T1", "enterprise_id": "E2"},
                 "user": {"id": "U1", "team_id": "T3"},
                 "view": {"id": "V1", "type": "modal", "callback_id": "cb", "team_id": "T4",
                  "app_installed_team_id": "T5", "state": {"values": {}}},
                 "response_urls": [{"block_id": "b", "action_id": "a", "channel_id": "C1",
                  "response_url": "https://hooks.example/1"}]}""", """
                {"type": "view_submission", "team": {"enterprise_id": "E2"}, "user": {"id": "U1", "team_id": "T3"},
                 "view": {"id": "V1", "type": "modal", "callback_id": "cb", "team_id": "T4"},
                 "bot_access_token": "xwfp-1", "function_data": {"execution_id": "Fx1"}}""", """
                {"type": "view_submission", "user": {"id": "U1", "team_id": "T3"},
                 "view": {"id": "V1", "type": "modal", "callback_id": "cb"}}""");
        int envelope = 30;
        for (String payload : payloads) {
            String frame = "{\"envelope_id\": \"e" + envelope++ + "\", \"type\": \"interactive\", \"payload\": "
                    + payload + "}";
            Request<?> ours = requests.parse(frame);
            assertThat(ours).isInstanceOf(ViewSubmissionRequest.class);
            assertSame(ours, sdk.parse(frame).getBoltRequest());
        }
    }

    /** The payloads that come in numbers, and those near them that Bolt's parser tells apart. */
    @Test
    void everyKindOfPayload_isTheRequestBoltsParserMakes() throws IOException {
        List<String> payloads = List.of("""
                {"type": "block_actions", "user": {"id": "U1", "team_id": "T1"}, "team": {"id": "T1"},
                 "trigger_id": "t", "container": {"type": "view", "view_id": "V1"},
                 "view": {"id": "V1", "type": "home", "blocks": []},
                 "actions": [{"type": "button", "action_id": "take", "block_id": "b", "value": "7"}]}""", """
                {"type": "block_suggestion", "user": {"id": "U1"}, "team": {"id": "T1"}, "action_id": "customer",
                 "block_id": "c", "value": "acm", "view": {"id": "V1", "type": "modal", "callback_id": "cb"}}""", """
                {"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": "Ev9",
                 "event_time": 1, "authorizations": [{"team_id": "T1", "user_id": "UB", "is_bot": true}],
                 "event": {"type": "message", "channel": "C1", "user": "U1", "text": "hi", "ts": "1.2"}}""", """
                {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1"},
                 "view": {"id": "V2", "type": "workflow_step", "callback_id": "step", "blocks": [],
                  "state": {"values": {}}}, "workflow_step": {"workflow_step_edit_id": "W1"}}""", """
                {"type": "view_closed", "team": {"id": "T1"}, "user": {"id": "U1"}, "is_cleared": false,
                 "view": {"id": "V3", "type": "modal", "callback_id": "cb"}}""", """
                {"type": "message_action", "callback_id": "cb", "trigger_id": "t", "user": {"id": "U1"},
                 "team": {"id": "T1"}, "channel": {"id": "C1"}, "message": {"type": "message", "ts": "1.2"}}""", """
                {"type": "event_callback", "team_id": "T1", "command": "/ooo", "user_id": "U1", "text": "",
                 "event": {"type": "message"}}""");
        int envelope = 10;
        for (String payload : payloads) {
            String frame = "{\"envelope_id\": \"e" + envelope++ + "\", \"type\": \"interactive\", \"payload\": "
                    + payload + "}";
            assertSame(requests.parse(frame), sdk.parse(frame).getBoltRequest());
        }
    }

    /** Same kind of request, same headers, context and payload, and a body that reads as the same JSON. */
    private static void assertSame(Request<?> ours, Request<?> theirs) {
        assertThat(ours.getClass()).isEqualTo(theirs.getClass());
        assertThat(ours.getRequestType()).isEqualTo(theirs.getRequestType());
        assertThat(ours.getHeaders().getNames())
                .containsExactlyInAnyOrderElementsOf(theirs.getHeaders().getNames());
        for (String name : theirs.getHeaders().getNames()) {
            assertThat(ours.getHeaders().getFirstValue(name))
                    .isEqualTo(theirs.getHeaders().getFirstValue(name));
        }
        assertThat(JsonParser.parseString(ours.getRequestBodyAsString()))
                .isEqualTo(JsonParser.parseString(theirs.getRequestBodyAsString()));
        assertThat(ours.isSocketMode()).isEqualTo(theirs.isSocketMode()).isTrue();
        assertThat(ours.getClientIpAddress()).isEqualTo(theirs.getClientIpAddress());
        assertThat(ours.getQueryString()).isEqualTo(theirs.getQueryString());
        assertThat(ours.getResponseUrl()).isEqualTo(theirs.getResponseUrl());
        Context a = ours.getContext();
        Context b = theirs.getContext();
        assertThat(List.of(
                        String.valueOf(a.getTeamId()),
                        String.valueOf(a.getEnterpriseId()),
                        String.valueOf(a.getRequestUserId()),
                        String.valueOf(a.getBotToken())))
                .isEqualTo(List.of(
                        String.valueOf(b.getTeamId()),
                        String.valueOf(b.getEnterpriseId()),
                        String.valueOf(b.getRequestUserId()),
                        String.valueOf(b.getBotToken())));
        if (ours instanceof ViewSubmissionRequest s) {
            ViewSubmissionContext t = ((ViewSubmissionRequest) theirs).getContext();
            assertThat(List.of(
                            String.valueOf(s.getContext().getResponseUrls()),
                            String.valueOf(s.getContext().getFunctionBotAccessToken()),
                            String.valueOf(s.getContext().getFunctionExecutionId())))
                    .isEqualTo(List.of(
                            String.valueOf(t.getResponseUrls()),
                            String.valueOf(t.getFunctionBotAccessToken()),
                            String.valueOf(t.getFunctionExecutionId())));
        }
        if (ours instanceof EventRequest e) {
            EventRequest t = (EventRequest) theirs;
            assertThat(List.of(
                            e.getEventType(),
                            e.getEventTypeAndSubtype(),
                            String.valueOf(e.getContext().getChannelId()),
                            String.valueOf(e.getContext().getRetryNum()),
                            String.valueOf(e.getContext().getRetryReason())))
                    .isEqualTo(List.of(
                            t.getEventType(),
                            t.getEventTypeAndSubtype(),
                            String.valueOf(t.getContext().getChannelId()),
                            String.valueOf(t.getContext().getRetryNum()),
                            String.valueOf(t.getContext().getRetryReason())));
        }
        try {
            // Each interaction's request has its typed payload; an event's has none (its body is compared above).
            var payload = ours.getClass().getMethod("getPayload");
            assertThat(payload.invoke(ours)).isEqualTo(payload.invoke(theirs));
        } catch (NoSuchMethodException e) {
            assertThat(ours).isInstanceOf(EventRequest.class);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
