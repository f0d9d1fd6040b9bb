package com.cebot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** The message a shortcut was used on, carried through a ticket modal in its private_metadata. */
public record SourceMessage(String channel, String ts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static String encode(String channel, String ts) {
        return channel == null
                ? ""
                : JSON.createObjectNode().put("channel", channel).put("ts", ts).toString();
    }

    public static Optional<SourceMessage> decode(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            return Optional.of(new SourceMessage(
                    node.path("channel").asText(), node.path("ts").asText()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
