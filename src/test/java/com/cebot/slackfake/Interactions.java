package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a user or Slack does to the app: builds each payload from the workspace state (stored
 * messages and views, fresh trigger ids and response URLs) and delivers it over the socket.
 */
final class Interactions {

    private final Directory directory;
    private final MessageStore messages;
    private final ViewStore views;
    private final Triggers triggers;
    private final ResponseUrls responseUrls;
    private final SocketModeServer socket;
    private final Clock clock;
    private final AtomicLong events = new AtomicLong();

    Interactions(
            Directory directory,
            MessageStore messages,
            ViewStore views,
            Triggers triggers,
            ResponseUrls responseUrls,
            SocketModeServer socket,
            Clock clock) {
        this.directory = directory;
        this.messages = messages;
        this.views = views;
        this.triggers = triggers;
        this.responseUrls = responseUrls;
        this.socket = socket;
        this.clock = clock;
    }

    String send(String envelopeType, ObjectNode payload) {
        String envelopeId = UUID.randomUUID().toString();
        socket.send(Payloads.envelope(envelopeType, payload, envelopeId));
        return envelopeId;
    }

    String globalShortcut(String callbackId, String userId) {
        return send("interactive", Payloads.globalShortcut(callbackId, user(userId), triggers.issue(userId)));
    }

    String messageShortcut(String callbackId, String userId, String channelId, String messageTs) {
        Message message = storedMessage(channelId, messageTs);
        return send(
                "interactive",
                Payloads.messageShortcut(
                        callbackId,
                        user(userId),
                        channel(message.channel()),
                        message.toJson(false),
                        triggers.issue(userId),
                        responseUrls.issue(message.channel(), messageTs)));
    }

    String slashCommand(String command, String text, String userId, String channelId) {
        String conversation = Directory.conversationId(channelId);
        return send(
                "slash_commands",
                Payloads.slashCommand(
                        command,
                        text,
                        user(userId),
                        channel(conversation),
                        triggers.issue(userId),
                        responseUrls.issue(conversation, null)));
    }

    String submitView(String viewId, String userId, ObjectNode stateValues) {
        ObjectNode envelope = viewSubmissionEnvelope(viewId, userId, stateValues);
        socket.send(envelope);
        return Json.text(envelope, "envelope_id");
    }

    /** The same submission on every open socket at once. */
    String submitViewToAll(String viewId, String userId, ObjectNode stateValues) {
        ObjectNode envelope = viewSubmissionEnvelope(viewId, userId, stateValues);
        socket.sendToAll(envelope);
        return Json.text(envelope, "envelope_id");
    }

    private ObjectNode viewSubmissionEnvelope(String viewId, String userId, ObjectNode stateValues) {
        View view = storedView(viewId);
        ObjectNode payload = Payloads.viewSubmission(view.json(), user(userId), stateValues, triggers.issue(userId));
        String envelopeId = UUID.randomUUID().toString();
        // Registered before sending, because the ack can arrive before send() returns.
        views.expectSubmissionAck(envelopeId, viewId);
        return Payloads.envelope("interactive", payload, envelopeId);
    }

    String blockAction(
            String userId, String channelId, String messageTs, String actionId, String blockId, String value) {
        ObjectNode envelope = blockActionEnvelope(userId, channelId, messageTs, actionId, blockId, value);
        socket.send(envelope);
        return Json.text(envelope, "envelope_id");
    }

    /** The same click on every open socket at once. */
    String blockActionToAll(
            String userId, String channelId, String messageTs, String actionId, String blockId, String value) {
        ObjectNode envelope = blockActionEnvelope(userId, channelId, messageTs, actionId, blockId, value);
        socket.sendToAll(envelope);
        return Json.text(envelope, "envelope_id");
    }

    private ObjectNode blockActionEnvelope(
            String userId, String channelId, String messageTs, String actionId, String blockId, String value) {
        Message message = storedMessage(channelId, messageTs);
        JsonNode element = findElement(message.blocks(), actionId);
        return Payloads.envelope(
                "interactive",
                Payloads.blockActionsInMessage(
                        user(userId),
                        channel(message.channel()),
                        message.toJson(false),
                        Payloads.action(element, actionId, blockId, value),
                        triggers.issue(userId),
                        responseUrls.issue(message.channel(), messageTs)),
                UUID.randomUUID().toString());
    }

    String viewBlockAction(String viewId, String userId, String actionId, String blockId, String value) {
        View view = storedView(viewId);
        JsonNode element = findElement(view.blocks(), actionId);
        return send(
                "interactive",
                Payloads.blockActionsInView(
                        user(userId),
                        view.json(),
                        Payloads.action(element, actionId, blockId, value),
                        triggers.issue(userId)));
    }

    String blockSuggestion(String viewId, String userId, String actionId, String blockId, String typed) {
        return send(
                "interactive",
                Payloads.blockSuggestion(storedView(viewId).json(), user(userId), actionId, blockId, typed));
    }

    /** Stores the message first, so history and permalinks already know it when the app reacts. */
    SentEvent messageEvent(String channel, String userId, String text, String threadTs) {
        return messageEvent(channel, userId, text, threadTs, null);
    }

    /** @param blocks rich text as a client sends it (mentions as elements), or null */
    SentEvent messageEvent(String channel, String userId, String text, String threadTs, ArrayNode blocks) {
        String conversation = deliverableConversation(channel);
        Message message = messages.add(
                new Message(conversation, messages.nextTs(), threadTs, userId, null, text, blocks, null, List.of()));
        String parentUser = threadTs == null
                ? null
                : messages.find(conversation, threadTs).map(Message::user).orElse(null);
        return event(Payloads.messageEvent(message, parentUser), message.ts());
    }

    /** A message with one file attached, as a person posts a screenshot with a few words. */
    SentEvent fileShareEvent(String channel, String userId, String text, String threadTs, String fileName) {
        String conversation = deliverableConversation(channel);
        ArrayNode files = Json.array();
        files.addObject()
                .put("id", "F" + String.format("%09d", events.get() + 1))
                .put("name", fileName)
                .put("title", fileName);
        Message message = messages.add(new Message(
                conversation, messages.nextTs(), threadTs, userId, null, text, null, null, List.of(), files));
        String parentUser = threadTs == null
                ? null
                : messages.find(conversation, threadTs).map(Message::user).orElse(null);
        return event(Payloads.fileShareEvent(message, parentUser), message.ts());
    }

    /** A reply in the thread of {@code threadTs} with "Also send to channel" ticked. */
    SentEvent threadBroadcastEvent(String channel, String userId, String text, String threadTs) {
        String conversation = deliverableConversation(channel);
        Message root = storedMessage(conversation, threadTs);
        Message reply = messages.add(
                new Message(conversation, messages.nextTs(), threadTs, userId, null, text, null, null, List.of()));
        return event(
                Payloads.threadBroadcastEvent(
                        reply, root, messages.replies(conversation, threadTs).size()),
                reply.ts());
    }

    SentEvent meMessageEvent(String channel, String userId, String text) {
        String conversation = deliverableConversation(channel);
        Message message = messages.add(
                new Message(conversation, messages.nextTs(), null, userId, null, text, null, null, List.of()));
        return event(Payloads.meMessageEvent(message), message.ts());
    }

    SentEvent messageDeletedEvent(String channel, String ts) {
        String conversation = deliverableConversation(channel);
        Message deleted = storedMessage(conversation, ts);
        messages.remove(conversation, ts);
        return event(Payloads.messageDeletedEvent(deleted, messages.nextTs()), ts);
    }

    /** {@code channel_join} (topic null) or {@code channel_topic}, written by Slack in the channel. */
    SentEvent channelNoticeEvent(String channel, String userId, String topic) {
        String conversation = deliverableConversation(channel);
        String text = topic == null
                ? "<@" + userId + "> has joined the channel"
                : "<@" + userId + "> set the channel topic: " + topic;
        Message notice = messages.add(
                new Message(conversation, messages.nextTs(), null, userId, null, text, null, null, List.of()));
        return event(
                Payloads.channelNoticeEvent(topic == null ? "channel_join" : "channel_topic", notice, topic),
                notice.ts());
    }

    SentEvent botMessageEvent(String channel, String botId, String text) {
        String conversation = deliverableConversation(channel);
        Message message = messages.add(
                new Message(conversation, messages.nextTs(), null, null, botId, text, null, null, List.of()));
        return event(Payloads.messageEvent(message, null), message.ts());
    }

    SentEvent messageChangedEvent(String channel, String ts, String newText) {
        Message before = storedMessage(deliverableConversation(channel), ts);
        Message after = before.withContent(newText, before.blocks(), before.metadata());
        messages.replace(after);
        return event(Payloads.messageChangedEvent(before, after, messages.nextTs()), ts);
    }

    SentEvent appHomeOpened(String userId) {
        ObjectNode home = views.home(userId).map(View::json).orElse(null);
        String eventTs = messages.nextTs();
        return event(Payloads.appHomeOpened(userId, home, eventTs), eventTs);
    }

    /** Any other event, as Slack would wrap it. */
    SentEvent otherEvent(ObjectNode event) {
        return event(event, event.path("event_ts").asText(null));
    }

    private SentEvent event(ObjectNode event, String ts) {
        String eventId = String.format("Ev%010d", events.incrementAndGet());
        String envelopeId = send(
                "events_api",
                Payloads.eventCallback(event, eventId, clock.instant().getEpochSecond()));
        return new SentEvent(envelopeId, eventId, ts);
    }

    /** Slack only delivers channel messages to apps whose bot is in the channel. */
    private String deliverableConversation(String channel) {
        String conversation = Directory.conversationId(channel);
        if (!Directory.isDirectMessage(conversation)
                && !directory
                        .channel(conversation)
                        .map(Directory.Channel::botIsMember)
                        .orElse(false)) {
            throw new IllegalArgumentException("Slack would not deliver events from " + channel
                    + ": it is unknown or the bot is not a member (addChannel/join first)");
        }
        return conversation;
    }

    private Message storedMessage(String channel, String ts) {
        String conversation = Directory.conversationId(channel);
        return messages.find(conversation, ts)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no message " + ts + " in " + conversation + "; post or addMessage it first"));
    }

    private View storedView(String viewId) {
        return views.find(viewId).orElseThrow(() -> new IllegalArgumentException("no view " + viewId));
    }

    private ObjectNode user(String userId) {
        return Payloads.user(userId, directory.userName(userId));
    }

    private ObjectNode channel(String conversationId) {
        return Payloads.channel(conversationId, directory.conversationName(conversationId));
    }

    /** The element with this action_id anywhere in the blocks, or null. */
    private static JsonNode findElement(JsonNode blocks, String actionId) {
        if (blocks == null) {
            return null;
        }
        for (JsonNode block : blocks) {
            for (JsonNode element : List.of(block.path("accessory"), block.path("element"))) {
                if (actionId.equals(Json.text(element, "action_id"))) {
                    return element;
                }
            }
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(Json.text(element, "action_id"))) {
                    return element;
                }
            }
        }
        return null;
    }
}
