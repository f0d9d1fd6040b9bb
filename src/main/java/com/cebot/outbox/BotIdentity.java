package com.cebot.outbox;

import com.slack.api.model.Message;

/**
 * Who the bot is in Slack, as auth.test tells it at start: its bot user and its bot id. The outbox
 * takes a message found by its key for one of its own writes only when the bot wrote it, since any
 * other app (or a person, through the API) can post a message carrying the same metadata.
 */
public record BotIdentity(String userId, String botId) {

    public BotIdentity {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("The bot's user id is needed to know its own messages");
        }
    }

    /** A message the bot posted: by its bot user, or carrying its bot id. */
    boolean wrote(Message m) {
        return userId.equals(m.getUser()) || (botId != null && botId.equals(m.getBotId()));
    }
}
