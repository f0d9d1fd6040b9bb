package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code response_url}s handed out with interactions. A post to one replaces or deletes the
 * message the interaction came from, or posts {@code in_channel}; an ephemeral reply only leaves
 * the recorded call behind.
 */
final class ResponseUrls {

    private record Origin(String channel, String messageTs) {}

    private final MessageStore messages;
    private final String baseUrl;
    private final Map<String, Origin> origins = new HashMap<>();
    private long counter;

    ResponseUrls(MessageStore messages, String baseUrl) {
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    /** @param messageTs the message the interaction came from, or null (slash commands) */
    synchronized String issue(String channel, String messageTs) {
        String id = String.valueOf(++counter);
        origins.put(id, new Origin(channel, messageTs));
        return baseUrl + id;
    }

    ObjectNode respond(ApiRequest request) {
        Origin origin;
        synchronized (this) {
            origin = origins.get(request.param("id"));
        }
        if (origin == null) {
            throw new SlackError("expired_url");
        }
        JsonNode body = request.json();
        boolean hasOriginal = origin.messageTs() != null;
        if (hasOriginal && body.path("delete_original").asBoolean()) {
            messages.remove(origin.channel(), origin.messageTs());
        } else if (hasOriginal && body.path("replace_original").asBoolean()) {
            messages.find(origin.channel(), origin.messageTs())
                    .ifPresent(m ->
                            messages.replace(m.withContent(Json.text(body, "text"), body.get("blocks"), m.metadata())));
        } else if ("in_channel".equals(Json.text(body, "response_type"))) {
            messages.add(new Message(
                    origin.channel(),
                    messages.nextTs(),
                    Json.text(body, "thread_ts"),
                    SlackFake.BOT_USER_ID,
                    SlackFake.BOT_ID,
                    Json.text(body, "text"),
                    body.get("blocks"),
                    null,
                    List.of()));
        }
        return Json.object();
    }
}
