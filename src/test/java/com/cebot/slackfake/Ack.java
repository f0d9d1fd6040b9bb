package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A frame the app sent back over the socket to acknowledge an envelope.
 *
 * @param payload the ack's {@code payload} (e.g. {@code response_action}, {@code options}), or null for a plain ack
 * @param latency from the fake sending the envelope to receiving this ack; null if the fake never sent that id
 */
public record Ack(String envelopeId, JsonNode payload, Duration latency) {}
