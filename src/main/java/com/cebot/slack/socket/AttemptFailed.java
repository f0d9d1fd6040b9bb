package com.cebot.slack.socket;

import java.time.Duration;

/** A socket could not even be tried: no usable URL, or the connection is closing. */
final class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;

    /** Slack refused the app token itself; the message is Slack's error code. */
    final boolean refusedToken;
    /** How long Slack asked to wait before the next try; zero when it did not say. */
    final Duration retryAfter;

    AttemptFailed(String message, boolean refusedToken, Duration retryAfter) {
        super(message, null, false, false);
        this.refusedToken = refusedToken;
        this.retryAfter = retryAfter;
    }

    AttemptFailed(String message) {
        this(message, false, Duration.ZERO);
    }
}
