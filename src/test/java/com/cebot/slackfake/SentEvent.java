package com.cebot.slackfake;

/**
 * An Events API delivery the fake sent.
 *
 * @param eventId the {@code event_id} an app dedupes on; the same across retries
 * @param ts the ts of the message the event is about (or the event_ts)
 */
public record SentEvent(String envelopeId, String eventId, String ts) {}
