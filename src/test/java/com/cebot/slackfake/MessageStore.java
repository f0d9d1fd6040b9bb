package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages per conversation, with Slack-style timestamps that are unique and increase. */
final class MessageStore {

    private final Clock clock;
    private final Map<String, List<Message>> byConversation = new LinkedHashMap<>();
    private long lastMicros;

    MessageStore(Clock clock) {
        this.clock = clock;
    }

    /** "seconds.micros" from the clock, bumped when two messages land in the same microsecond. */
    synchronized String nextTs() {
        Instant now = clock.instant();
        long micros = Math.max(lastMicros + 1, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        lastMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    synchronized Message add(Message message) {
        byConversation
                .computeIfAbsent(message.channel(), c -> new ArrayList<>())
                .add(message);
        return message;
    }

    synchronized Optional<Message> find(String channel, String ts) {
        return all(channel).stream().filter(m -> m.ts().equals(ts)).findFirst();
    }

    synchronized void replace(Message updated) {
        List<Message> messages = byConversation.get(updated.channel());
        messages.replaceAll(m -> m.ts().equals(updated.ts()) ? updated : m);
    }

    synchronized void remove(String channel, String ts) {
        byConversation.getOrDefault(channel, new ArrayList<>()).removeIf(m -> m.ts().equals(ts));
    }

    /** Top-level messages and replies, oldest first. */
    synchronized List<Message> all(String channel) {
        List<Message> messages = new ArrayList<>(byConversation.getOrDefault(channel, List.of()));
        messages.sort(Comparator.comparing(m -> new BigDecimal(m.ts())));
        return messages;
    }

    synchronized List<Message> replies(String channel, String parentTs) {
        return all(channel).stream()
                .filter(m -> parentTs.equals(m.threadTs()) && !m.ts().equals(parentTs))
                .toList();
    }

    /** History JSON: a thread parent carries thread_ts and reply_count, as in Slack. */
    synchronized ObjectNode toJson(Message message, boolean withMetadata) {
        ObjectNode json = message.toJson(withMetadata);
        List<Message> replies = replies(message.channel(), message.ts());
        if (!message.isReply() && !replies.isEmpty()) {
            json.put("thread_ts", message.ts()).put("reply_count", replies.size());
        }
        return json;
    }
}
