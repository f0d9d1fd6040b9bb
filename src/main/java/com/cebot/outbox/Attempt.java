package com.cebot.outbox;

import java.time.Duration;

/** What one call to Slack came to. */
sealed interface Attempt {

    record Sent(String channel, String ts) implements Attempt {}

    /**
     * Try again. {@code after} is Slack's Retry-After when it gave one (a rate limit, which does not
     * count against the row), else null (back off). {@code maybeSent} is true when Slack may have
     * acted although we saw no answer (a timeout, a 5xx): the next attempt looks before posting.
     */
    record RetryLater(Duration after, String error, boolean maybeSent) implements Attempt {}

    /** Slack refused the write for good; retrying would only repeat the refusal. */
    record Failed(String error) implements Attempt {}
}
