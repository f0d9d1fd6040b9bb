package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Envelopes are counted by the kind Slack names, and nothing else can become a tag. */
final class SocketMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMeters meters = new SocketMeters(registry);

    private static final String SUBMISSION =
            "{\"type\": \"interactive\", \"envelope_id\": \"e1\", \"payload\": {\"type\": \"view_submission\"}}";

    private static FrameHeader frame(String json) {
        return FrameHeader.read(json);
    }

    @Test
    void anInteraction_isItsPayloadsType_anEvent_itsEventsType_andACommand_command() {
        assertThat(SocketMeters.kind(frame(SUBMISSION))).isEqualTo("view_submission");
        assertThat(SocketMeters.kind(frame("{\"type\": \"events_api\", \"payload\": {\"type\": \"event_callback\","
                        + " \"event\": {\"type\": \"app_home_opened\"}}}")))
                .isEqualTo("app_home_opened");
        assertThat(SocketMeters.kind(frame("{\"type\": \"slash_commands\", \"payload\": {\"command\": \"/ooo\"}}")))
                .isEqualTo("command");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"interactive\", \"payload\": {}}",
                "{\"type\": \"interactive\", \"payload\": {\"type\": \"U012ABCDEF\"}}",
                "{\"type\": \"interactive\", \"payload\": {\"type\": \"a-kind/with spaces\"}}",
                "{\"type\": \"events_api\", \"payload\": {\"type\": \"event_callback\"}}",
                "{\"type\": \"events_api\", \"payload\": {\"event\": {\"type\": \"an_event_type_name_far_longer_than_forty_letters\"}}}"
            })
    void whatIsNotAKindSlackNames_isOther(String json) {
        assertThat(SocketMeters.kind(frame(json))).isEqualTo("other");
    }

    @Test
    void eachKind_getsItsOwnMeters_madeOnce() {
        FrameHeader submission = frame(SUBMISSION);
        FrameHeader again = frame(SUBMISSION.replace("e1", "e2"));

        meters.of(submission).received();
        meters.of(again).received();
        meters.of(frame("{\"type\": \"interactive\", \"payload\": {\"type\": \"block_actions\"}}"))
                .received();

        assertThat(meters.of(submission)).isSameAs(meters.of(again));
        assertThat(registry.get("cebot.socket.envelopes")
                        .tag("envelope", "interactive")
                        .tag("type", "view_submission")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("cebot.socket.envelopes")
                        .tag("type", "block_actions")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAckPast2point5s_isTimed_andCountedLate_aQuickOneOnlyTimed() {
        SocketMeters.Envelope submissions = meters.of(frame(SUBMISSION));

        submissions.acked(System.nanoTime() - Duration.ofMillis(2_600).toNanos());
        submissions.acked(System.nanoTime());

        Timer acks =
                registry.get("cebot.socket.acks").tag("type", "view_submission").timer();
        assertThat(acks.count()).isEqualTo(2);
        assertThat(acks.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2_600);
        assertThat(registry.get("cebot.socket.acks.late")
                        .tag("type", "view_submission")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
