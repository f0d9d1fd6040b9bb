package com.cebot.supportticket.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** The message a shortcut was used on, carried through the modal in its private_metadata. */
record SourceMessage(String channel, String ts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String encode(String channel, String ts) {
        return channel == null ? "" : JSON.createObjectNode().put("channel", channel).put("ts", ts).toString();
    }

    static Optional<SourceMessage> decode(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            return Optional.of(new SourceMessage(node.path("channel").asText(), node.path("ts").asText()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
