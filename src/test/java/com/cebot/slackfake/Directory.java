package com.cebot.slackfake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who and what exists in the fake workspace: public channels, users, user groups and bots. */
final class Directory {

    record Channel(String id, String name, boolean botIsMember) {}

    record User(String id, String name, String tz, boolean isBot, Status status) {}

    record Status(String text, String emoji, long expiration) {
        static final Status NONE = new Status("", "", 0);
    }

    record UserGroup(String id, String handle, List<String> userIds) {
        UserGroup {
            userIds = List.copyOf(userIds);
        }
    }

    record Bot(String id, String userId, String name) {}

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, UserGroup> groups = new LinkedHashMap<>();
    private final Map<String, Bot> bots = new LinkedHashMap<>();

    Directory() {
        users.put(
                SlackFake.BOT_USER_ID,
                new User(SlackFake.BOT_USER_ID, "cebot", "America/Los_Angeles", true, Status.NONE));
        bots.put(SlackFake.BOT_ID, new Bot(SlackFake.BOT_ID, SlackFake.BOT_USER_ID, "CE Bot"));
    }

    synchronized void addChannel(String id, String name, boolean botIsMember) {
        channels.put(id, new Channel(id, name, botIsMember));
    }

    synchronized Optional<Channel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    synchronized List<Channel> channels() {
        return new ArrayList<>(channels.values());
    }

    /** The channel is gone (deleted, or renamed out of reach): posting there is channel_not_found. */
    synchronized void removeChannel(String id) {
        channels.remove(id);
    }

    synchronized void join(String channelId) {
        channels.computeIfPresent(channelId, (id, c) -> new Channel(id, c.name(), true));
    }

    synchronized void addUser(String id, String name, String tz) {
        users.put(id, new User(id, name, tz, false, Status.NONE));
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized void setStatus(String userId, Status status) {
        users.computeIfPresent(userId, (id, u) -> new User(id, u.name(), u.tz(), u.isBot(), status));
    }

    /** Payloads name the user even if a test never registered them. */
    String userName(String userId) {
        return user(userId).map(User::name).orElse(userId.toLowerCase());
    }

    synchronized void addUserGroup(String id, String handle, List<String> userIds) {
        groups.put(id, new UserGroup(id, handle, userIds));
    }

    synchronized Optional<UserGroup> userGroup(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    synchronized List<UserGroup> userGroups() {
        return new ArrayList<>(groups.values());
    }

    synchronized void setMembers(String groupId, List<String> userIds) {
        groups.computeIfPresent(groupId, (id, g) -> new UserGroup(id, g.handle(), userIds));
    }

    synchronized void addBot(String id, String userId, String name) {
        bots.put(id, new Bot(id, userId, name));
    }

    synchronized Optional<Bot> bot(String id) {
        return Optional.ofNullable(bots.get(id));
    }

    /**
     * The conversation a post lands in. Posting to a user id opens the DM, which Slack names
     * {@code D…}; the fake derives it from the user id so tests can predict it.
     */
    static String conversationId(String channelOrUser) {
        return channelOrUser.startsWith("U") || channelOrUser.startsWith("W")
                ? "D" + channelOrUser.substring(1)
                : channelOrUser;
    }

    static boolean isDirectMessage(String conversationId) {
        return conversationId.startsWith("D");
    }

    /** The conversation the bot may post to, or the error Slack gives for it. */
    String postableConversation(String channelOrUser) {
        String id = conversationId(channelOrUser);
        if (isDirectMessage(id)) {
            return id;
        }
        Channel channel = channel(id).orElseThrow(() -> new SlackError("channel_not_found"));
        if (!channel.botIsMember()) {
            throw new SlackError("not_in_channel");
        }
        return id;
    }

    /** A conversation the bot can read: any known channel or a DM. */
    String readableConversation(String id) {
        if (id == null || !(isDirectMessage(id) || channel(id).isPresent())) {
            throw new SlackError("channel_not_found");
        }
        return id;
    }

    String conversationName(String conversationId) {
        return isDirectMessage(conversationId)
                ? "directmessage"
                : channel(conversationId).map(Channel::name).orElse(conversationId);
    }
}
