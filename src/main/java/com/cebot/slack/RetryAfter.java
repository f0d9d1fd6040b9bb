package com.cebot.slack;

import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import java.util.Optional;

/** How long Slack asked the bot to wait, from a refused call's {@code Retry-After} header. */
public final class RetryAfter {

    private RetryAfter() {}

    /** The wait in whole seconds; empty when there is no header or it is not a number of seconds. */
    public static Optional<Duration> of(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        try {
            return header == null
                    ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }
}
