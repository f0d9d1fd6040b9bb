package com.cebot.outbox;

/**
 * A Slack write the outbox delivers. {@code blocks} is a JSON array (Block Kit) or null; {@code text}
 * is always set because notifications and screen readers use it.
 */
public sealed interface SlackWrite {

    String text();

    /** A new message in a channel, or a DM when {@code channel} is a user ID. */
    record Post(String channel, String text, String blocks) implements SlackWrite {}

    /**
     * A file shared in {@code channel} (a DM when it is a user ID) with {@code text} as its comment,
     * through files.uploadV2. After an unanswered attempt it is looked for by {@code filename} in
     * the conversation's history, so name each file once per conversation.
     */
    record Upload(String channel, String filename, String title, String content, String text) implements SlackWrite {}

    /** A reply in the thread of the anchor message. */
    record ThreadReply(String text, String blocks) implements SlackWrite {}

    /** Replaces the anchor message's content. */
    record Update(String text, String blocks) implements SlackWrite {}

    /** A message only {@code user} sees, in {@code channel}. */
    record Ephemeral(String channel, String user, String text, String blocks) implements SlackWrite {}
}
