package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Posting, editing and reacting to messages as the bot. */
final class ChatMethods {

    /** chat.scheduleMessage refuses dates further out than this. */
    private static final Duration SCHEDULE_HORIZON = Duration.ofDays(120);

    private final Directory directory;
    private final MessageStore messages;
    private final Clock clock;
    private long scheduled;

    ChatMethods(Directory directory, MessageStore messages, Clock clock) {
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("chat.postMessage", this::postMessage);
        handlers.put("chat.update", this::update);
        handlers.put("chat.postEphemeral", this::postEphemeral);
        handlers.put("chat.getPermalink", this::getPermalink);
        handlers.put("chat.scheduleMessage", this::scheduleMessage);
        handlers.put("reactions.add", this::addReaction);
    }

    static String permalink(String channel, String ts) {
        return AuthMethods.WORKSPACE_URL + "archives/" + channel + "/p" + ts.replace(".", "");
    }

    private ObjectNode postMessage(ApiRequest request) {
        String channel = directory.postableConversation(request.required("channel", "channel_not_found"));
        Content content = Content.checked(request);
        Message message = messages.add(new Message(
                channel,
                messages.nextTs(),
                request.param("thread_ts"),
                SlackFake.BOT_USER_ID,
                SlackFake.BOT_ID,
                content.text(),
                content.blocks(),
                content.metadata(),
                List.of()));
        ObjectNode body = Json.object().put("channel", channel).put("ts", message.ts());
        body.set("message", message.toJson(true));
        return body;
    }

    private ObjectNode update(ApiRequest request) {
        Message current = existingMessage(request, "ts");
        if (!SlackFake.BOT_USER_ID.equals(current.user())) {
            throw new SlackError("cant_update_message");
        }
        String text = request.param("text");
        if (text != null && text.length() > BlockKitLimits.UPDATE_TEXT) {
            throw new SlackError("msg_too_long");
        }
        JsonNode blocks = Content.checkedBlocks(request);
        JsonNode metadata = request.jsonField("metadata", "invalid_metadata_format");
        // Slack keeps what an update leaves out (SLACK.md §6: chat.update).
        Message updated = current.withContent(
                text != null ? text : current.text(),
                blocks != null ? blocks : current.blocks(),
                metadata != null ? metadata : current.metadata());
        messages.replace(updated);
        ObjectNode body = Json.object()
                .put("channel", updated.channel())
                .put("ts", updated.ts())
                .put("text", updated.text());
        body.set("message", updated.toJson(true));
        return body;
    }

    /** Ephemeral messages are not kept in history; the recorded call is the evidence. */
    private ObjectNode postEphemeral(ApiRequest request) {
        directory.postableConversation(request.required("channel", "channel_not_found"));
        directory.user(request.required("user", "user_not_found")).orElseThrow(() -> new SlackError("user_not_found"));
        Content.checked(request);
        return Json.object().put("message_ts", messages.nextTs());
    }

    private ObjectNode getPermalink(ApiRequest request) {
        Message message = existingMessage(request, "message_ts");
        String link = permalink(message.channel(), message.ts());
        if (message.isReply()) {
            link += "?thread_ts=" + message.threadTs() + "&cid=" + message.channel();
        }
        return Json.object().put("channel", message.channel()).put("permalink", link);
    }

    private ObjectNode scheduleMessage(ApiRequest request) {
        String channel = directory.postableConversation(request.required("channel", "channel_not_found"));
        long postAt = parseLong(request.required("post_at", "invalid_time"));
        long now = clock.instant().getEpochSecond();
        if (postAt <= now) {
            throw new SlackError("time_in_past");
        }
        if (postAt > now + SCHEDULE_HORIZON.toSeconds()) {
            throw new SlackError("time_too_far");
        }
        Content content = Content.checked(request);
        ObjectNode body = Json.object()
                .put("channel", channel)
                .put("scheduled_message_id", String.format("Q%010d", ++scheduled))
                .put("post_at", postAt);
        body.putObject("message")
                .put("type", "message")
                .put("text", content.text())
                .put("user", SlackFake.BOT_USER_ID)
                .put("bot_id", SlackFake.BOT_ID);
        return body;
    }

    private ObjectNode addReaction(ApiRequest request) {
        Message message = existingMessage(request, "timestamp");
        String name = request.required("name", "invalid_name");
        if (message.reactions().contains(name)) {
            throw new SlackError("already_reacted");
        }
        messages.replace(message.withReaction(name));
        return Json.object();
    }

    private Message existingMessage(ApiRequest request, String tsField) {
        String channel = directory.readableConversation(
                Directory.conversationId(request.required("channel", "channel_not_found")));
        String ts = request.required(tsField, "message_not_found");
        return messages.find(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_time");
        }
    }

    /** The text, blocks and metadata of a new message, checked as Slack checks them. */
    private record Content(String text, JsonNode blocks, JsonNode metadata) {

        static Content checked(ApiRequest request) {
            String text = request.param("text");
            JsonNode blocks = checkedBlocks(request);
            if (text == null && (blocks == null || blocks.isEmpty())) {
                throw new SlackError("no_text");
            }
            return new Content(text, blocks, request.jsonField("metadata", "invalid_metadata_format"));
        }

        static JsonNode checkedBlocks(ApiRequest request) {
            JsonNode blocks = request.jsonField("blocks", "invalid_blocks_format");
            if (blocks == null) {
                return null;
            }
            if (!blocks.isArray()) {
                throw new SlackError("invalid_blocks_format");
            }
            List<BlockKitLimits.Violation> violations = BlockKitLimits.checkMessageBlocks(blocks);
            List<String> invalid = violations.stream()
                    .filter(v -> !v.tooLongInTotal())
                    .map(BlockKitLimits.Violation::message)
                    .toList();
            if (!invalid.isEmpty()) {
                throw new SlackError("invalid_blocks", invalid);
            }
            if (!violations.isEmpty()) {
                // Slack says no more than the error's name (bolt-js#2867).
                throw new SlackError("msg_blocks_too_long");
            }
            return blocks;
        }
    }
}
