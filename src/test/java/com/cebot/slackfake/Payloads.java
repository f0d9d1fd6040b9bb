package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.UUID;

/**
 * Builders for what Slack sends over Socket Mode, shaped like Slack's own payloads (SLACK.md §3, §7;
 * the Java SDK's json-logs samples). {@link SlackFake}'s {@code send…} methods fill in trigger ids,
 * response URLs and stored messages; tests can use these directly with {@link SlackFake#sendRaw}.
 */
public final class Payloads {

    /** The legacy verification token that every payload still carries; Socket Mode apps ignore it. */
    static final String VERIFICATION_TOKEN = "fake-verification-token";

    /** Interactions whose ack payload Slack uses as the answer (SLACK.md §1.2). */
    private static final Set<String> ANSWERED_BY_ACK = Set.of("view_submission", "block_suggestion");

    private Payloads() {}

    /** An envelope for a first delivery; events carry retry_attempt 0 and an empty retry_reason. */
    public static ObjectNode envelope(String envelopeType, ObjectNode payload, String envelopeId) {
        ObjectNode envelope = Json.object().put("envelope_id", envelopeId);
        envelope.set("payload", payload);
        envelope.put("type", envelopeType);
        envelope.put(
                "accepts_response_payload",
                envelopeType.equals("slash_commands") || ANSWERED_BY_ACK.contains(Json.text(payload, "type")));
        if (envelopeType.equals("events_api")) {
            envelope.put("retry_attempt", 0).put("retry_reason", "");
        }
        return envelope;
    }

    /** The user object of block_actions and view_submission; shortcuts use a subset of it. */
    public static ObjectNode user(String userId, String userName) {
        return Json.object()
                .put("id", userId)
                .put("username", userName)
                .put("name", userName)
                .put("team_id", SlackFake.TEAM_ID);
    }

    public static ObjectNode globalShortcut(String callbackId, ObjectNode user, String triggerId) {
        ObjectNode payload = interaction("shortcut", only(user, "id", "username", "team_id"));
        return payload.put("callback_id", callbackId)
                .put("trigger_id", triggerId)
                .put("action_ts", actionTs());
    }

    public static ObjectNode messageShortcut(
            String callbackId,
            ObjectNode user,
            ObjectNode channel,
            ObjectNode message,
            String triggerId,
            String responseUrl) {
        ObjectNode payload = interaction("message_action", only(user, "id", "name", "team_id"));
        payload.put("callback_id", callbackId)
                .put("trigger_id", triggerId)
                .put("message_ts", Json.text(message, "ts"))
                .put("response_url", responseUrl)
                .put("action_ts", actionTs());
        payload.set("channel", channel);
        payload.set("message", message);
        return payload;
    }

    /** Slash command fields arrive as the form's strings, also in Socket Mode. */
    public static ObjectNode slashCommand(
            String command, String text, ObjectNode user, ObjectNode channel, String triggerId, String responseUrl) {
        return Json.object()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", SlackFake.TEAM_ID)
                .put("team_domain", "fake")
                .put("channel_id", Json.text(channel, "id"))
                .put("channel_name", Json.text(channel, "name"))
                .put("user_id", Json.text(user, "id"))
                .put("user_name", Json.text(user, "username"))
                .put("command", command)
                .put("text", text)
                .put("api_app_id", SlackFake.APP_ID)
                .put("is_enterprise_install", "false")
                .put("response_url", responseUrl)
                .put("trigger_id", triggerId);
    }

    /** @param view the stored view; its {@code state.values} is replaced by {@code stateValues} */
    public static ObjectNode viewSubmission(
            ObjectNode view, ObjectNode user, ObjectNode stateValues, String triggerId) {
        ObjectNode payload = interaction("view_submission", user);
        payload.put("trigger_id", triggerId);
        payload.set("view", withState(view, stateValues));
        payload.putArray("response_urls");
        return payload;
    }

    public static ObjectNode blockActionsInMessage(
            ObjectNode user,
            ObjectNode channel,
            ObjectNode message,
            ObjectNode action,
            String triggerId,
            String responseUrl) {
        ObjectNode payload = interaction("block_actions", user);
        payload.putObject("container")
                .put("type", "message")
                .put("message_ts", Json.text(message, "ts"))
                .put("channel_id", Json.text(channel, "id"))
                .put("is_ephemeral", false);
        payload.put("trigger_id", triggerId);
        payload.set("channel", channel);
        payload.set("message", message);
        payload.putObject("state").putObject("values");
        payload.put("response_url", responseUrl);
        payload.putArray("actions").add(action);
        return payload;
    }

    public static ObjectNode blockActionsInView(ObjectNode user, ObjectNode view, ObjectNode action, String triggerId) {
        ObjectNode payload = interaction("block_actions", user);
        payload.putObject("container").put("type", "view").put("view_id", Json.text(view, "id"));
        payload.put("trigger_id", triggerId);
        payload.set("view", view);
        payload.putArray("actions").add(action);
        return payload;
    }

    /**
     * One entry of {@code actions}; the element the user used decides its shape (a button's value,
     * a select's selected_option, a users_select's selected_user).
     *
     * @param element the element in the message or view, or null when the test did not post one
     */
    public static ObjectNode action(JsonNode element, String actionId, String blockId, String value) {
        String type = element == null ? "button" : Json.text(element, "type");
        ObjectNode action = Json.object()
                .put("action_id", actionId)
                .put("block_id", blockId)
                .put("type", type);
        switch (type) {
            case "static_select", "external_select" ->
                action.putObject("selected_option")
                        .put("value", value)
                        .set("text", plainText(optionText(element, value)));
            case "users_select" -> action.put("selected_user", value);
            case "conversations_select" -> action.put("selected_conversation", value);
            case "datepicker" -> action.put("selected_date", value);
            default -> {
                action.set(
                        "text",
                        element == null
                                ? plainText(value)
                                : element.path("text").deepCopy());
                action.put("value", value);
            }
        }
        return action.put("action_ts", actionTs());
    }

    public static ObjectNode blockSuggestion(
            ObjectNode view, ObjectNode user, String actionId, String blockId, String typed) {
        ObjectNode payload = interaction("block_suggestion", user);
        payload.putObject("container").put("type", "view").put("view_id", Json.text(view, "id"));
        payload.put("action_id", actionId).put("block_id", blockId).put("value", typed);
        payload.set("view", view);
        return payload;
    }

    public static ObjectNode eventCallback(ObjectNode event, String eventId, long eventTime) {
        ObjectNode payload = Json.object()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", SlackFake.TEAM_ID)
                .put("api_app_id", SlackFake.APP_ID);
        payload.set("event", event);
        payload.put("type", "event_callback").put("event_id", eventId).put("event_time", eventTime);
        payload.putArray("authorizations")
                .addObject()
                .putNull("enterprise_id")
                .put("team_id", SlackFake.TEAM_ID)
                .put("user_id", SlackFake.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        return payload.put("is_ext_shared_channel", false).put("event_context", "4-fake-" + eventId);
    }

    /**
     * A new message as the Events API reports it: a person's message has no subtype; one from a bot
     * without a user is a {@code bot_message}.
     *
     * @param parentUserId the thread parent's author for a reply, else null
     */
    public static ObjectNode messageEvent(Message message, String parentUserId) {
        ObjectNode event = Json.object().put("type", "message");
        if (message.user() == null) {
            event.put("subtype", "bot_message").put("bot_id", message.botId());
        } else {
            event.put("client_msg_id", UUID.randomUUID().toString())
                    .put("user", message.user())
                    .put("team", SlackFake.TEAM_ID);
        }
        event.put("text", message.text())
                .put("ts", message.ts())
                .put("channel", message.channel())
                .put("event_ts", message.ts())
                .put("channel_type", channelType(message.channel()));
        if (message.isReply()) {
            event.put("thread_ts", message.threadTs()).put("parent_user_id", parentUserId);
        }
        if (message.blocks() != null) {
            event.set("blocks", message.blocks());
        }
        return event;
    }

    /**
     * A person's message with files attached (subtype {@code file_share}): a screenshot with a few
     * words. {@code message.files()} names the files; the event describes each as Slack does.
     *
     * @param parentUserId the thread parent's author for a reply, else null
     */
    public static ObjectNode fileShareEvent(Message message, String parentUserId) {
        ObjectNode event = Json.object()
                .put("type", "message")
                .put("subtype", "file_share")
                .put("text", message.text());
        ArrayNode files = event.putArray("files");
        long created = (long) Double.parseDouble(message.ts());
        for (JsonNode file : message.files()) {
            String id = Json.text(file, "id");
            String name = Json.text(file, "name");
            files.addObject()
                    .put("id", id)
                    .put("created", created)
                    .put("timestamp", created)
                    .put("name", name)
                    .put("title", Json.text(file, "title"))
                    .put("mimetype", "image/png")
                    .put("filetype", "png")
                    .put("pretty_type", "PNG")
                    .put("user", message.user())
                    .put("user_team", SlackFake.TEAM_ID)
                    .put("editable", false)
                    .put("size", 48_213)
                    .put("mode", "hosted")
                    .put("is_external", false)
                    .put("external_type", "")
                    .put("is_public", true)
                    .put("public_url_shared", false)
                    .put("display_as_bot", false)
                    .put("username", "")
                    .put(
                            "url_private",
                            "https://files.slack.com/files-pri/" + SlackFake.TEAM_ID + "-" + id + "/" + name)
                    .put("permalink", "https://fake.slack.com/files/" + message.user() + "/" + id + "/" + name);
        }
        event.put("upload", true)
                .put("user", message.user())
                .put("display_as_bot", false)
                .put("ts", message.ts())
                .put("client_msg_id", UUID.randomUUID().toString())
                .put("channel", message.channel())
                .put("event_ts", message.ts())
                .put("channel_type", channelType(message.channel()));
        if (message.isReply()) {
            event.put("thread_ts", message.threadTs()).put("parent_user_id", parentUserId);
        }
        if (message.blocks() != null) {
            event.set("blocks", message.blocks());
        }
        return event;
    }

    /**
     * A reply in a thread that its author also sent to the channel ("Also send to #channel"):
     * subtype {@code thread_broadcast}, with the thread's parent under {@code root}.
     */
    public static ObjectNode threadBroadcastEvent(Message reply, Message root, int replyCount) {
        ObjectNode event = Json.object()
                .put("type", "message")
                .put("subtype", "thread_broadcast")
                .put("text", reply.text())
                .put("user", reply.user())
                .put("ts", reply.ts())
                .put("thread_ts", reply.threadTs());
        ObjectNode parent = root.toJson(false);
        parent.put("thread_ts", root.ts())
                .put("reply_count", replyCount)
                .put("reply_users_count", 1)
                .put("latest_reply", reply.ts())
                .put("is_locked", false);
        parent.putArray("reply_users").add(reply.user());
        event.set("root", parent);
        if (reply.blocks() != null) {
            event.set("blocks", reply.blocks());
        }
        return event.put("client_msg_id", UUID.randomUUID().toString())
                .put("channel", reply.channel())
                .put("event_ts", reply.ts())
                .put("channel_type", channelType(reply.channel()));
    }

    /** A message written with {@code /me} (subtype {@code me_message}); /me does not work in threads. */
    public static ObjectNode meMessageEvent(Message message) {
        return Json.object()
                .put("type", "message")
                .put("subtype", "me_message")
                .put("channel", message.channel())
                .put("user", message.user())
                .put("text", message.text())
                .put("ts", message.ts())
                .put("event_ts", message.ts())
                .put("channel_type", channelType(message.channel()));
    }

    /** A message deleted: the event has its own ts; the message is under {@code previous_message}. */
    public static ObjectNode messageDeletedEvent(Message deleted, String eventTs) {
        ObjectNode event = Json.object()
                .put("type", "message")
                .put("subtype", "message_deleted")
                .put("hidden", true)
                .put("channel", deleted.channel())
                .put("ts", eventTs)
                .put("deleted_ts", deleted.ts())
                .put("event_ts", eventTs);
        event.set("previous_message", deleted.toJson(false));
        return event.put("channel_type", channelType(deleted.channel()));
    }

    /**
     * What Slack writes about the channel itself: {@code channel_join} ("<@U…> has joined the
     * channel") or {@code channel_topic} (the topic someone set, in {@code topic}).
     */
    public static ObjectNode channelNoticeEvent(String subtype, Message notice, String topic) {
        ObjectNode event = Json.object()
                .put("type", "message")
                .put("subtype", subtype)
                .put("ts", notice.ts())
                .put("user", notice.user())
                .put("text", notice.text());
        if (topic != null) {
            event.put("topic", topic);
        }
        return event.put("channel", notice.channel())
                .put("event_ts", notice.ts())
                .put("channel_type", channelType(notice.channel()));
    }

    /** An edit: the new version under {@code message}, the old one under {@code previous_message}. */
    public static ObjectNode messageChangedEvent(Message before, Message after, String eventTs) {
        ObjectNode event = Json.object()
                .put("type", "message")
                .put("subtype", "message_changed")
                .put("hidden", true);
        ObjectNode edited = after.toJson(false);
        edited.putObject("edited").put("user", after.user()).put("ts", eventTs);
        event.set("message", edited);
        event.put("channel", after.channel());
        event.set("previous_message", before.toJson(false));
        return event.put("event_ts", eventTs).put("ts", eventTs).put("channel_type", channelType(after.channel()));
    }

    /** @param homeView the user's published Home tab, or null if none */
    public static ObjectNode appHomeOpened(String userId, ObjectNode homeView, String eventTs) {
        ObjectNode event = Json.object()
                .put("type", "app_home_opened")
                .put("user", userId)
                .put("channel", Directory.conversationId(userId))
                .put("tab", "home");
        if (homeView != null) {
            event.set("view", homeView);
        }
        return event.put("event_ts", eventTs);
    }

    static ObjectNode channel(String id, String name) {
        return Json.object().put("id", id).put("name", name);
    }

    /** Shortcuts carry no api_app_id; the other interactions do (as the SDK's payload models expect). */
    private static ObjectNode interaction(String type, ObjectNode user) {
        ObjectNode payload = Json.object().put("type", type).put("token", VERIFICATION_TOKEN);
        if (!type.equals("shortcut") && !type.equals("message_action")) {
            payload.put("api_app_id", SlackFake.APP_ID);
        }
        payload.putObject("team").put("id", SlackFake.TEAM_ID).put("domain", "fake");
        payload.set("user", user);
        payload.putNull("enterprise");
        return payload.put("is_enterprise_install", false);
    }

    /** Slack names the user differently per payload type: username for shortcuts, name for message actions. */
    private static ObjectNode only(ObjectNode user, String... fields) {
        ObjectNode copy = Json.object();
        for (String field : fields) {
            copy.set(field, user.get(field));
        }
        return copy;
    }

    private static ObjectNode withState(ObjectNode view, ObjectNode stateValues) {
        ObjectNode copy = view.deepCopy();
        copy.putObject("state").set("values", stateValues);
        return copy;
    }

    private static String optionText(JsonNode element, String value) {
        for (JsonNode option : element.path("options")) {
            if (value.equals(Json.text(option, "value"))) {
                return option.path("text").path("text").asText();
            }
        }
        return value;
    }

    private static ObjectNode plainText(String text) {
        return Json.object().put("type", "plain_text").put("text", text).put("emoji", true);
    }

    private static String channelType(String conversationId) {
        return Directory.isDirectMessage(conversationId) ? "im" : "channel";
    }

    /** Slack's action_ts looks like a message ts. */
    private static String actionTs() {
        long micros = System.currentTimeMillis() * 1000;
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }
}
