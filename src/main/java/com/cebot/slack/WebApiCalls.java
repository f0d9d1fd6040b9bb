package com.cebot.slack;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every Web API call the bot's client makes, by method and by what came of it, for
 * the operators' metrics. Tags hold the method, the outcome and Slack's error code, never a message:
 * <ul>
 *   <li>{@code ok}; {@code error}, with Slack's {@code error} code ({@code channel_not_found});
 *   <li>{@code ratelimited} (HTTP 429), {@code server_error} (5xx: Slack may have done the work),
 *       {@code http_error} (any other status);
 *   <li>{@code timeout}; {@code not_sent} (no connection could be made);
 *       {@code unknown_fate} (the connection failed once the request may have reached Slack);
 *   <li>{@code bad_response} (an answer that could not be read).
 * </ul>
 */
final class WebApiCalls {

    static final String NO_ERROR = "none";
    private static final int LONGEST_CODE = 64;

    private final MeterRegistry registry;

    WebApiCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param started {@link System#nanoTime()} when the call began */
    void answered(String method, boolean ok, String error, long started) {
        record(method, ok ? "ok" : "error", ok ? NO_ERROR : code(error), started);
    }

    void refused(String method, int status, long started) {
        String outcome = status == 429 ? "ratelimited" : status >= 500 ? "server_error" : "http_error";
        record(method, outcome, NO_ERROR, started);
    }

    void failed(String method, IOException e, long started) {
        record(method, outcome(e), NO_ERROR, started);
    }

    void unreadable(String method, long started) {
        record(method, "bad_response", NO_ERROR, started);
    }

    static String outcome(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "timeout";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return "not_sent";
        }
        return "unknown_fate";
    }

    /** Slack's codes are lowercase words joined by underscores; anything else is not one of them. */
    static String code(String error) {
        if (error == null || error.isEmpty() || error.length() > LONGEST_CODE) {
            return "other";
        }
        for (int i = 0; i < error.length(); i++) {
            char c = error.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_') {
                return "other";
            }
        }
        return error;
    }

    private void record(String method, String outcome, String error, long started) {
        Timer.builder("cebot.slack.api.calls")
                .description("Slack Web API calls by method and outcome, and how long they took")
                .tag("method", method)
                .tag("outcome", outcome)
                .tag("error", error)
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
