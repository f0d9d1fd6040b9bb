package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the person starting the bot, and the reconnect log lines, are told. */
final class WordingTest {

    private static final String HOST = "wss-primary.slack.com";
    private static final Duration TEN = Duration.ofSeconds(10);

    @Test
    void aRefusedToken_saysWhichTokenAndWhereToMakeOne_butAReconnectOnlySaysWhatSlackAnswered() {
        AttemptFailed refused = new AttemptFailed("invalid_auth", true, Duration.ZERO);

        assertThat(Wording.startFailure(refused))
                .isEqualTo("SLACK_APP_TOKEN was refused by Slack (invalid_auth)."
                        + " Create an app-level token with the connections:write scope under Basic Information.");
        assertThat(Wording.attemptFailure(refused)).isEqualTo("apps.connections.open answered invalid_auth");
    }

    @Test
    void otherFailuresBeforeASocket_sayWhatFailed() {
        AttemptFailed http = new AttemptFailed("apps.connections.open answered HTTP 503");

        assertThat(Wording.startFailure(http))
                .isEqualTo("Cannot open a Socket Mode connection: apps.connections.open answered HTTP 503");
        assertThat(Wording.attemptFailure(http)).isEqualTo("apps.connections.open answered HTTP 503");
    }

    @Test
    void aStart_namesWhatWentWrongWithTheSocket_andWhatToDo() {
        assertThat(start(Outcome.of(Outcome.Kind.TIMEOUT)))
                .isEqualTo("Slack's Socket Mode did not answer with hello within 10 s (wss host " + HOST + ")");
        assertThat(start(Outcome.of(Outcome.Kind.NOT_OPENED)))
                .isEqualTo("Cannot open the Socket Mode WebSocket" + " (wss host " + HOST
                        + "). Check that the network lets this machine open WebSocket connections to Slack.");
        assertThat(start(Outcome.of(Outcome.Kind.DISCONNECTED, "link_disabled")))
                .isEqualTo("Slack's Socket Mode refused the connection (disconnect: link_disabled, wss host " + HOST
                        + ")");
        assertThat(start(Outcome.of(Outcome.Kind.DISCONNECTED, "too_many_websockets")))
                .isEqualTo("Slack's Socket Mode refused the connection (disconnect: too_many_websockets, wss host "
                        + HOST + ")."
                        + " The app already has 10 connections open: stop other running copies of the bot.");
        assertThat(start(Outcome.of(Outcome.Kind.CLOSED, "code 1006")))
                .isEqualTo("Slack's Socket Mode closed the connection before hello (code 1006, wss host " + HOST + ")");
        assertThat(start(Outcome.of(Outcome.Kind.CANCELLED))).isEqualTo("Socket Mode connection closed while starting");
        assertThat(Wording.closedAfterHello(HOST))
                .isEqualTo("Slack's Socket Mode closed the connection right after hello (wss host " + HOST + ")");
    }

    @Test
    void aReconnect_saysTheSameInALogLinesWords() {
        assertThat(reconnect(Outcome.of(Outcome.Kind.TIMEOUT)))
                .isEqualTo("no hello within 10 s (wss host " + HOST + ")");
        assertThat(reconnect(Outcome.of(Outcome.Kind.NOT_OPENED)))
                .isEqualTo("the WebSocket did not open (wss host " + HOST + ")");
        assertThat(reconnect(Outcome.of(Outcome.Kind.DISCONNECTED, "too_many_websockets")))
                .isEqualTo("Slack sent disconnect (too_many_websockets) instead of hello (wss host " + HOST + ")");
        assertThat(reconnect(Outcome.of(Outcome.Kind.CLOSED, "code 1011")))
                .isEqualTo("the socket closed before hello (code 1011, wss host " + HOST + ")");
        assertThat(reconnect(Outcome.of(Outcome.Kind.CANCELLED))).isEqualTo("cancelled");
    }

    @Test
    void seconds_areWholeWhereTheyCanBe_elseToATenth() {
        assertThat(Wording.seconds(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(Wording.seconds(Duration.ofMillis(200))).isEqualTo("0.2 s");
        assertThat(Wording.seconds(Duration.ofMillis(3_640))).isEqualTo("3.6 s");
    }

    @Test
    void seconds_readTheSameUnderALocaleWithADecimalComma() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(Wording.seconds(Duration.ofMillis(3_640))).isEqualTo("3.6 s");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String start(Outcome outcome) {
        return Wording.startFailure(outcome, HOST, TEN);
    }

    private static String reconnect(Outcome outcome) {
        return Wording.attemptFailure(outcome, HOST, TEN);
    }
}
