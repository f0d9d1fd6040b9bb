package com.cebot.outbox;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Message;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Performs one outbox write against the Web API and says what came of it. */
final class SlackWriter {

    static final String METADATA_EVENT = "cebot_outbox";

    /** Errors Slack documents as passing; anything else ok:false is a refusal. */
    private static final Set<String> TRANSIENT = Set.of(
            "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "team_added_to_org");

    private final MethodsClient methods;

    SlackWriter(MethodsClient methods) {
        this.methods = methods;
    }

    Attempt send(String key, SlackWrite write, String anchorChannel, String anchorTs) {
        try {
            // Java 17 has no pattern switch: one branch per kind of write.
            if (write instanceof SlackWrite.Post p) {
                return posted(methods.chatPostMessage(r -> r.channel(p.channel()).text(p.text())
                        .blocksAsString(p.blocks()).metadata(metadata(key)).unfurlLinks(false).unfurlMedia(false)));
            }
            if (write instanceof SlackWrite.ThreadReply t) {
                return posted(methods.chatPostMessage(r -> r.channel(anchorChannel).threadTs(anchorTs)
                        .text(t.text()).blocksAsString(t.blocks()).metadata(metadata(key))
                        .unfurlLinks(false).unfurlMedia(false)));
            }
            if (write instanceof SlackWrite.Update u) {
                return updated(methods.chatUpdate(r -> r.channel(anchorChannel).ts(anchorTs)
                        .text(u.text()).blocksAsString(u.blocks())), anchorChannel, anchorTs);
            }
            SlackWrite.Ephemeral e = (SlackWrite.Ephemeral) write;
            return ephemeral(methods.chatPostEphemeral(r -> r.channel(e.channel()).user(e.user())
                    .text(e.text()).blocksAsString(e.blocks())), e.channel());
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Attempt.RetryLater(retryAfter(e), "ratelimited", false);
            }
            return code >= 500
                    ? new Attempt.RetryLater(null, "HTTP " + code, true)
                    : new Attempt.Failed("HTTP " + code);
        } catch (IOException e) {
            return new Attempt.RetryLater(null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /**
     * After an attempt whose fate is unknown, finds the message if Slack did post it, by the key
     * carried in its metadata. Only channel posts can be searched: the bot has no DM history scope.
     */
    Optional<String> findPosted(String key, SlackWrite write, String anchorChannel, String anchorTs, Instant since)
            throws IOException, SlackApiException {
        String oldest = (since.getEpochSecond() - 60) + ".000000";
        List<Message> messages;
        if (write instanceof SlackWrite.Post p && isChannel(p.channel())) {
            messages = methods.conversationsHistory(r -> r.channel(p.channel()).oldest(oldest)
                    .includeAllMetadata(true).limit(200)).getMessages();
        } else if (write instanceof SlackWrite.ThreadReply) {
            messages = methods.conversationsReplies(r -> r.channel(anchorChannel).ts(anchorTs)
                    .oldest(oldest).includeAllMetadata(true).limit(200)).getMessages();
        } else {
            return Optional.empty();
        }
        if (messages == null) {
            return Optional.empty();
        }
        return messages.stream()
                .filter(m -> m.getMetadata() != null && METADATA_EVENT.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null
                        && key.equals(m.getMetadata().getEventPayload().get("key")))
                .map(Message::getTs)
                .findFirst();
    }

    static boolean isChannel(String id) {
        return id != null && (id.startsWith("C") || id.startsWith("G"));
    }

    private static Message.Metadata metadata(String key) {
        return Message.Metadata.builder().eventType(METADATA_EVENT).eventPayload(Map.of("key", key)).build();
    }

    private static Attempt posted(ChatPostMessageResponse r) {
        return r.isOk() ? new Attempt.Sent(r.getChannel(), r.getTs()) : refused(r);
    }

    private static Attempt updated(ChatUpdateResponse r, String channel, String ts) {
        return r.isOk() ? new Attempt.Sent(channel, ts) : refused(r);
    }

    private static Attempt ephemeral(ChatPostEphemeralResponse r, String channel) {
        return r.isOk() ? new Attempt.Sent(channel, r.getMessageTs()) : refused(r);
    }

    private static Attempt refused(SlackApiTextResponse r) {
        return TRANSIENT.contains(r.getError())
                ? new Attempt.RetryLater(null, r.getError(), false)
                : new Attempt.Failed(r.getError());
    }

    private static Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        try {
            return header == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
