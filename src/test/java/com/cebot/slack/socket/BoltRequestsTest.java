package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import java.io.IOException;
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

    /** Same kind of request, same headers, and a body that reads as the same JSON. */
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
    }
}
