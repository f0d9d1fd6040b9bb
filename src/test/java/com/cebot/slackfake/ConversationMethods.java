package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading channels and their history, and joining public channels. */
final class ConversationMethods {

    private static final int DEFAULT_LIMIT = 100;

    private final Directory directory;
    private final MessageStore messages;

    ConversationMethods(Directory directory, MessageStore messages) {
        this.directory = directory;
        this.messages = messages;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("conversations.history", this::history);
        handlers.put("conversations.replies", this::replies);
        handlers.put("conversations.list", this::list);
        handlers.put("conversations.info", this::info);
        handlers.put("conversations.join", this::join);
        handlers.put("conversations.open", this::open);
    }

    /** The DM with one person; the fake names it {@code D} + the user id without its {@code U}. */
    private ObjectNode open(ApiRequest request) {
        String users = request.required("users", "users_list_not_supplied");
        if (users.contains(",")) {
            throw new SlackError("not_implemented_in_fake");
        }
        directory.user(users).orElseThrow(() -> new SlackError("user_not_found"));
        ObjectNode body = Json.object();
        body.putObject("channel")
                .put("id", Directory.conversationId(users))
                .put("is_im", true)
                .put("user", users);
        return body;
    }

    /** Newest first, top-level messages only, as Slack's history does. */
    private ObjectNode history(ApiRequest request) {
        String channel = directory.readableConversation(request.param("channel"));
        List<Message> matching = new ArrayList<>(messages.all(channel).stream()
                .filter(m -> !m.isReply())
                .filter(window(request))
                .toList());
        Collections.reverse(matching);
        return page(matching, limit(request), request.flag("include_all_metadata"));
    }

    /** The parent first, then its replies oldest first. */
    private ObjectNode replies(ApiRequest request) {
        String channel = directory.readableConversation(request.param("channel"));
        String ts = request.required("ts", "thread_not_found");
        Message parent = messages.find(channel, ts).orElseThrow(() -> new SlackError("thread_not_found"));
        List<Message> thread = new ArrayList<>();
        thread.add(parent);
        messages.replies(channel, ts).stream().filter(window(request)).forEach(thread::add);
        return page(thread, limit(request), request.flag("include_all_metadata"));
    }

    private ObjectNode list(ApiRequest request) {
        List<Directory.Channel> channels = directory.channels();
        int from = request.param("cursor") == null ? 0 : Integer.parseInt(request.param("cursor"));
        int to = Math.min(channels.size(), from + limit(request));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("channels");
        channels.subList(from, to).forEach(c -> array.add(channelJson(c)));
        body.putObject("response_metadata").put("next_cursor", to < channels.size() ? String.valueOf(to) : "");
        return body;
    }

    private ObjectNode info(ApiRequest request) {
        String id = directory.readableConversation(request.param("channel"));
        ObjectNode body = Json.object();
        if (Directory.isDirectMessage(id)) {
            body.putObject("channel").put("id", id).put("is_im", true).put("user", "U" + id.substring(1));
        } else {
            body.set("channel", channelJson(directory.channel(id).orElseThrow()));
        }
        return body;
    }

    private ObjectNode join(ApiRequest request) {
        String id = request.required("channel", "channel_not_found");
        if (Directory.isDirectMessage(id)) {
            throw new SlackError("method_not_supported_for_channel_type");
        }
        Directory.Channel before = directory.channel(id).orElseThrow(() -> new SlackError("channel_not_found"));
        directory.join(id);
        ObjectNode body = Json.object();
        body.set("channel", channelJson(directory.channel(id).orElseThrow()));
        if (before.botIsMember()) {
            body.put("warning", "already_in_channel");
        }
        return body;
    }

    private ObjectNode page(List<Message> matching, int limit, boolean withMetadata) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("messages");
        matching.stream().limit(limit).forEach(m -> array.add(messages.toJson(m, withMetadata)));
        body.put("has_more", matching.size() > limit);
        body.putObject("response_metadata").put("next_cursor", "");
        return body;
    }

    /** Slack's oldest/latest bounds are exclusive unless {@code inclusive} is set. */
    private static Predicate<Message> window(ApiRequest request) {
        BigDecimal oldest = request.param("oldest") == null ? null : new BigDecimal(request.param("oldest"));
        BigDecimal latest = request.param("latest") == null ? null : new BigDecimal(request.param("latest"));
        boolean inclusive = request.flag("inclusive");
        return m -> {
            BigDecimal ts = new BigDecimal(m.ts());
            boolean afterOldest = oldest == null || (inclusive ? ts.compareTo(oldest) >= 0 : ts.compareTo(oldest) > 0);
            boolean beforeLatest = latest == null || (inclusive ? ts.compareTo(latest) <= 0 : ts.compareTo(latest) < 0);
            return afterOldest && beforeLatest;
        };
    }

    private static int limit(ApiRequest request) {
        String limit = request.param("limit");
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Integer.parseInt(limit));
    }

    private static ObjectNode channelJson(Directory.Channel channel) {
        return Json.object()
                .put("id", channel.id())
                .put("name", channel.name())
                .put("is_channel", true)
                .put("is_group", false)
                .put("is_im", false)
                .put("is_mpim", false)
                .put("is_private", false)
                .put("created", 1_700_000_000)
                .put("is_archived", false)
                .put("is_general", false)
                .put("name_normalized", channel.name())
                .put("is_member", channel.botIsMember());
    }
}
