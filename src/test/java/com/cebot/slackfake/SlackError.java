package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An {@code ok:false} answer. Handlers throw it so that each check reads as one line; the server
 * turns it into HTTP 200 with Slack's error body.
 */
final class SlackError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String[] messages; // not a List, so the exception's fields are serializable

    SlackError(String error) {
        this(error, List.of());
    }

    SlackError(String error, List<String> messages) {
        super(error, null, false, false);
        this.error = error;
        this.messages = List.copyOf(messages).toArray(String[]::new);
    }

    ObjectNode toJson() {
        ObjectNode body = Json.object().put("ok", false).put("error", error);
        if (messages.length > 0) {
            // The Java SDK exposes these as response.getResponseMetadata().getMessages().
            List.of(messages).forEach(body.withObject("/response_metadata").withArray("messages")::add);
        }
        return body;
    }
}
