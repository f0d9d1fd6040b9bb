package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.testing.LogCapture;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.util.json.GsonFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An ack's body is built as SocketModeApp builds it; with no socket to send it on, that is said. */
final class AcksTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Acks acks =
            new Acks(GsonFactory.createSnakeCase(SlackConfig.DEFAULT), Optional::empty, new SocketMeters(meters));

    @Test
    void noBody_isAPlainAck() {
        assertThat(acks.plain("e1")).isEqualTo("{\"envelope_id\":\"e1\"}");
        assertThat(acks.of("e1", Response.builder().statusCode(200).build())).isEqualTo("{\"envelope_id\":\"e1\"}");
    }

    @Test
    void aJsonBody_isThePayload() {
        Response json = Response.builder()
                .statusCode(200)
                .contentType("application/json; charset=utf-8")
                .body("{\"response_action\":\"errors\",\"errors\":{\"b\":\"Say more\"}}")
                .build();

        assertThat(acks.of("e1", json))
                .isEqualTo(
                        "{\"envelope_id\":\"e1\",\"payload\":{\"response_action\":\"errors\",\"errors\":{\"b\":\"Say more\"}}}");
    }

    @Test
    void anyOtherBody_isThePayloadsText() {
        Response text = Response.builder()
                .statusCode(200)
                .contentType("text/plain")
                .body("plain words")
                .build();

        assertThat(acks.of("e1", text)).isEqualTo("{\"envelope_id\":\"e1\",\"payload\":{\"text\":\"plain words\"}}");
    }

    @Test
    void withNoSocketOpen_theAckIsNotSent_andALineSaysSo_andItIsCountedAsMissed() throws Exception {
        Link gone = new Link(
                Slack.getInstance(),
                "xapp-unused",
                "ws://127.0.0.1:9/link",
                new SocketTiming(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1)),
                new Recorder(true));
        gone.close();

        try (LogCapture logs = LogCapture.start()) {
            acks.send(
                    gone,
                    FrameHeader.read("{\"type\": \"interactive\", \"envelope_id\": \"e1\","
                            + " \"payload\": {\"type\": \"view_submission\"}}"),
                    System.nanoTime(),
                    acks.plain("e1"));

            assertThat(logs.lines(Acks.class, Level.WARN))
                    .containsExactly(
                            "The ack for interactive envelope e1 was not sent: no Socket Mode connection is open");
        }
        assertThat(meters.get("cebot.socket.acks.missed")
                        .tag("envelope", "interactive")
                        .tag("type", "view_submission")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("cebot.socket.acks").timer().count()).isZero();
    }
}
