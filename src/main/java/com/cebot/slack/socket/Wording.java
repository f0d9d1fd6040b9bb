package com.cebot.slack.socket;

import java.time.Duration;
import java.util.Locale;

/**
 * What the connection says when a socket did not open: to the person starting the bot, in one line
 * that says what to do where there is something to do, and in each failed reconnect's log line.
 * Never the socket URL's query: it holds the connection's ticket.
 */
final class Wording {

    private Wording() {}

    /** Start, when no socket could even be tried. */
    static String startFailure(AttemptFailed e) {
        return e.refusedToken
                ? "SLACK_APP_TOKEN was refused by Slack (" + e.getMessage() + "). Create an app-level token"
                        + " with the connections:write scope under Basic Information."
                : "Cannot open a Socket Mode connection: " + e.getMessage();
    }

    /** Start, when the first socket did not say hello. */
    static String startFailure(Outcome outcome, String host, Duration helloTimeout) {
        return switch (outcome.kind()) {
            case TIMEOUT ->
                "Slack's Socket Mode did not answer with hello within " + seconds(helloTimeout) + " (wss host " + host
                        + ")";
            case NOT_OPENED ->
                "Cannot open the Socket Mode WebSocket (wss host " + host + "). Check that the"
                        + " network lets this machine open WebSocket connections to Slack.";
            case DISCONNECTED ->
                "Slack's Socket Mode refused the connection (disconnect: " + outcome.detail()
                        + ", wss host " + host + ")"
                        + ("too_many_websockets".equals(outcome.detail())
                                ? ". The app already has 10 connections open: stop other running copies of the bot."
                                : "");
            case CLOSED ->
                "Slack's Socket Mode closed the connection before hello (" + outcome.detail() + ", wss host " + host
                        + ")";
            case HELLO, CANCELLED -> "Socket Mode connection closed while starting";
        };
    }

    /** Start, when the first socket closed between its hello and the start's end. */
    static String closedAfterHello(String host) {
        return "Slack's Socket Mode closed the connection right after hello (wss host " + host + ")";
    }

    /** A reconnect, when no socket could even be tried. */
    static String attemptFailure(AttemptFailed e) {
        return e.refusedToken ? "apps.connections.open answered " + e.getMessage() : e.getMessage();
    }

    /** A reconnect, when the new socket did not say hello. */
    static String attemptFailure(Outcome outcome, String host, Duration helloTimeout) {
        return switch (outcome.kind()) {
            case TIMEOUT -> "no hello within " + seconds(helloTimeout) + " (wss host " + host + ")";
            case NOT_OPENED -> "the WebSocket did not open (wss host " + host + ")";
            case DISCONNECTED ->
                "Slack sent disconnect (" + outcome.detail() + ") instead of hello (wss host " + host + ")";
            case CLOSED -> "the socket closed before hello (" + outcome.detail() + ", wss host " + host + ")";
            case HELLO, CANCELLED -> "cancelled";
        };
    }

    /** "10 s", "0.5 s": for log lines and messages. */
    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
