package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A frame's header is read from its first level and its payload's type, whatever else it holds. */
final class FrameHeaderTest {

    @Test
    void aShortcut_isAnEnvelope_ackedFirst() {
        FrameHeader header = FrameHeader.read("""
                {"envelope_id": "e1", "type": "interactive", "accepts_response_payload": false,
                 "payload": {"type": "shortcut", "callback_id": "c", "user": {"id": "U1"}}, "retry_attempt": 0}""");

        assertThat(header).isEqualTo(new FrameHeader("interactive", "e1", null, "shortcut", null));
        assertThat(header.isEnvelope()).isTrue();
        assertThat(header.acksFirst()).isTrue();
    }

    @Test
    void theHeader_mayComeAfterThePayload_andNestedTypesAreNotThePayloads() {
        FrameHeader header = FrameHeader.read("""
                {"payload": {"user": {"type": "not-this"}, "view": {"type": "modal"}, "type": "view_submission"},
                 "type": "interactive", "envelope_id": "e2"}""");

        assertThat(header).isEqualTo(new FrameHeader("interactive", "e2", null, "view_submission", null));
        assertThat(header.acksFirst()).isFalse();
    }

    @Test
    void anEvent_carriesItsEventsType_andNothingDeeper() {
        FrameHeader header = FrameHeader.read("""
                {"envelope_id": "e3", "type": "events_api", "payload": {"token": "t", "type": "event_callback",
                 "event": {"user": "U1", "item": {"type": "not-this"}, "type": "app_home_opened"}}}""");

        assertThat(header).isEqualTo(new FrameHeader("events_api", "e3", null, "event_callback", "app_home_opened"));
        assertThat(header.acksFirst()).isFalse();
        assertThat(FrameHeader.read("{\"type\": \"events_api\", \"payload\": {\"event\": \"message\"}}")
                        .eventType())
                .as("an event that is not an object")
                .isNull();
    }

    @Test
    void onlyShortcutsAndMessageActions_areAckedFirst() {
        assertThat(interactive("message_action").acksFirst()).isTrue();
        assertThat(interactive("block_actions").acksFirst()).isFalse();
        assertThat(interactive("block_suggestion").acksFirst()).isFalse();
        assertThat(FrameHeader.read(
                                "{\"type\": \"slash_commands\", \"envelope_id\": \"e\", \"payload\": {\"command\": \"/x\"}}")
                        .acksFirst())
                .isFalse();
        assertThat(FrameHeader.read("{\"type\": \"interactive\", \"payload\": {\"type\": \"shortcut\"}}")
                        .acksFirst())
                .as("no envelope id to ack")
                .isFalse();
    }

    @Test
    void anInteractiveFrameWithoutAPayloadType_isNoShortcut() {
        assertThat(FrameHeader.read("{\"type\": \"interactive\", \"envelope_id\": \"e\"}")
                        .acksFirst())
                .isFalse();
        assertThat(FrameHeader.read("{\"type\": \"interactive\", \"envelope_id\": \"e\", \"payload\": {\"type\": 1}}")
                        .acksFirst())
                .isFalse();
    }

    @Test
    void disconnect_carriesItsReason_andIsNoEnvelope() {
        FrameHeader header = FrameHeader.read("""
                {"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "applink-1"}}""");

        assertThat(header).isEqualTo(new FrameHeader("disconnect", null, "refresh_requested", null, null));
        assertThat(header.isEnvelope()).isFalse();
        assertThat(FrameHeader.read("{\"type\": \"hello\", \"num_connections\": 1}")
                        .isEnvelope())
                .isFalse();
    }

    @Test
    void valuesThatAreNotStrings_areLeftOut() {
        assertThat(FrameHeader.read(
                        "{\"type\": 5, \"envelope_id\": null, \"reason\": [\"x\"], \"payload\": \"shortcut\"}"))
                .isEqualTo(new FrameHeader(null, null, null, null, null));
    }

    @Test
    void whatIsNotJson_givesNothing_andACutFrameKeepsWhatWasRead() {
        FrameHeader nothing = FrameHeader.read("not json");

        assertThat(nothing).isEqualTo(new FrameHeader(null, null, null, null, null));
        assertThat(nothing.isEnvelope()).isFalse();
        assertThat(FrameHeader.read("{\"type\": \"hello\", \"num_connections\": "))
                .isEqualTo(new FrameHeader("hello", null, null, null, null));
    }

    private static FrameHeader interactive(String payloadType) {
        return FrameHeader.read("{\"type\": \"interactive\", \"envelope_id\": \"e\", \"payload\": {\"type\": \""
                + payloadType + "\"}}");
    }
}
