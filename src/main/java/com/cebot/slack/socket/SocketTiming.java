package com.cebot.slack.socket;

import com.cebot.work.Backoff;
import java.time.Duration;
import java.util.List;

/**
 * How long the Socket Mode connection waits for what.
 *
 * @param helloTimeout how long a new socket may take to open and say hello
 * @param drainTimeout how long {@link SocketModeConnection#close()} waits for running handlers
 * @param pingInterval how often the open socket is ping-checked (the check itself waits up to 3 s)
 * @param firstRetry the wait after the first failed reconnect; it doubles with each failure
 * @param maxRetry the longest wait between reconnects, before {@link Backoff}'s jitter
 */
public record SocketTiming(
        Duration helloTimeout, Duration drainTimeout, Duration pingInterval, Duration firstRetry, Duration maxRetry) {

    public static final SocketTiming DEFAULT = new SocketTiming(
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    public SocketTiming {
        for (Duration d : List.of(helloTimeout, drainTimeout, pingInterval, firstRetry, maxRetry)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Socket Mode timings must be positive: " + d);
            }
        }
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(
                    "Socket Mode's longest retry wait is shorter than its first: " + maxRetry);
        }
    }

    /** The waits between reconnects. They never stop: the bot is of no use without its socket. */
    Backoff reconnects() {
        return new Backoff(firstRetry, maxRetry, Integer.MAX_VALUE);
    }
}
