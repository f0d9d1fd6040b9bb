package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A message the fake workspace holds: posted by the app, seeded by a test, or sent as an event.
 *
 * @param threadTs the parent's ts for a thread reply, null for a top-level message
 * @param user the author's user id ({@link SlackFake#BOT_USER_ID} for the app's own posts), null for other bots
 * @param botId set when a bot posted it
 * @param blocks the Block Kit array, or null
 * @param metadata Slack message metadata ({@code event_type}, {@code event_payload}), or null
 * @param reactions emoji names the app added, in order
 * @param files files shared with the message ({@code id}, {@code name}, {@code title}), or null
 */
public record Message(
        String channel,
        String ts,
        String threadTs,
        String user,
        String botId,
        String text,
        JsonNode blocks,
        JsonNode metadata,
        List<String> reactions,
        JsonNode files) {

    public Message {
        reactions = List.copyOf(reactions);
    }

    public Message(
            String channel,
            String ts,
            String threadTs,
            String user,
            String botId,
            String text,
            JsonNode blocks,
            JsonNode metadata,
            List<String> reactions) {
        this(channel, ts, threadTs, user, botId, text, blocks, metadata, reactions, null);
    }

    public boolean fromBot() {
        return botId != null;
    }

    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    Message withContent(String newText, JsonNode newBlocks, JsonNode newMetadata) {
        return new Message(channel, ts, threadTs, user, botId, newText, newBlocks, newMetadata, reactions, files);
    }

    Message withReaction(String name) {
        List<String> more = new ArrayList<>(reactions);
        more.add(name);
        return new Message(channel, ts, threadTs, user, botId, text, blocks, metadata, more, files);
    }

    /** The message as Slack returns it in history and payloads; metadata only when asked for. */
    ObjectNode toJson(boolean withMetadata) {
        ObjectNode json = Json.object().put("type", "message");
        if (botId != null && user == null) {
            json.put("subtype", "bot_message");
        }
        if (user != null) {
            json.put("user", user);
        }
        if (botId != null) {
            json.put("bot_id", botId);
        }
        json.put("text", text == null ? "" : text).put("ts", ts).put("team", SlackFake.TEAM_ID);
        if (threadTs != null) {
            json.put("thread_ts", threadTs);
        }
        if (blocks != null) {
            json.set("blocks", blocks.deepCopy());
        }
        if (files != null) {
            json.set("files", files.deepCopy());
        }
        if (withMetadata && metadata != null) {
            json.set("metadata", metadata.deepCopy());
        }
        if (!reactions.isEmpty()) {
            reactions.forEach(name -> json.withArray("reactions")
                    .addObject()
                    .put("name", name)
                    .put("count", 1)
                    .set("users", Json.array().add(SlackFake.BOT_USER_ID)));
        }
        return json;
    }
}
