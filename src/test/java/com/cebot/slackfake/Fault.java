package com.cebot.slackfake;

import java.time.Duration;

/** A way for the fake Web API to misbehave on one call, queued with {@link SlackFake#enqueueFault}. */
public sealed interface Fault {

    /** HTTP 429 with {@code Retry-After} and {@code {"ok":false,"error":"ratelimited"}}, as Slack sends it. */
    record RateLimited(int retryAfterSeconds) implements Fault {}

    /** A 5xx (or any) status with an HTML body, the way a load balancer in front of Slack answers. */
    record ServerError(int status) implements Fault {}

    /** HTTP 200 with {@code ok:false} and the given error code. */
    record NotOk(String error) implements Fault {}

    /** Holds the response back for {@code delay}, then answers normally (the call still takes effect). */
    record Hang(Duration delay) implements Fault {}

    /**
     * Does what was asked at once, then holds the answer back for {@code delay}: the answer is lost
     * to a client that gives up first, although Slack did the work.
     */
    record LoseAnswer(Duration delay) implements Fault {}

    /**
     * Does what was asked, then resets the connection (TCP RST) without answering, as when a network
     * cuts it once Slack carried out the call: the client reads a reset, not an answer.
     */
    record ResetAfterWork() implements Fault {}
}
