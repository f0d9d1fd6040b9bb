package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed request to the fake, as the handlers see it. */
record ApiRequest(String method, String token, Map<String, String> params, ObjectNode json, Instant at) {

    /** Form fields that the SDK sends as JSON text. */
    static final Set<String> JSON_FIELDS = Set.of("blocks", "attachments", "view", "metadata", "profile");

    static ApiRequest ofForm(String method, String token, Map<String, String> params, Instant at) {
        ObjectNode json = Json.object();
        params.forEach((name, value) -> {
            if (JSON_FIELDS.contains(name)) {
                json.set(name, Json.parse(value).orElse(json.textNode(value)));
            } else {
                json.put(name, value);
            }
        });
        return new ApiRequest(method, token, params, json, at);
    }

    String param(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Slack's error for a missing argument is method specific, so the caller names it. */
    String required(String name, String error) {
        String value = param(name);
        if (value == null) {
            throw new SlackError(error);
        }
        return value;
    }

    /** The SDK sends booleans as 1/0; other clients send true/false. */
    boolean flag(String name) {
        String value = param(name);
        return "1".equals(value) || "true".equals(value);
    }

    /** A JSON-valued field, or null when absent; unparsable text fails with {@code error}. */
    JsonNode jsonField(String name, String error) {
        JsonNode node = json.get(name);
        if (node == null || param(name) == null) {
            return null;
        }
        if (node.isTextual()) {
            throw new SlackError(error, List.of("[ERROR] failed to parse JSON [json-pointer:/" + name + "]"));
        }
        return node;
    }
}
