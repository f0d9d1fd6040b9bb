package com.cebot.outbox;

import com.cebot.slack.RetryAfter;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Performs one outbox write against the Web API and says what came of it; finds earlier attempts. */
final class SlackWriter {

    static final String METADATA_EVENT = "cebot_outbox";

    /** Errors Slack documents as passing; anything else ok:false is a refusal. */
    private static final Set<String> TRANSIENT = Set.of(
            "ratelimited",
            "rate_limited",
            "internal_error",
            "fatal_error",
            "service_unavailable",
            "request_timeout",
            "team_added_to_org");
    /** A lookup reads history pages of this size, at most this many. */
    private static final int PAGE = 200;

    private static final int MAX_PAGES = 5;

    private final MethodsClient methods;
    private final BotIdentity self;

    SlackWriter(MethodsClient methods, BotIdentity self) {
        this.methods = methods;
        this.self = self;
    }

    /** The message a reply or an update applies to, where it landed. */
    record Anchor(String channel, String ts) {}

    Attempt send(String key, SlackWrite write, Anchor anchor) {
        try {
            // Java 17 has no pattern switch: one branch per kind of write.
            if (write instanceof SlackWrite.Post p) {
                return posted(methods.chatPostMessage(r -> r.channel(p.channel())
                        .text(p.text())
                        .blocksAsString(p.blocks())
                        .metadata(metadata(key))
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
            }
            if (write instanceof SlackWrite.ThreadReply t) {
                return posted(methods.chatPostMessage(r -> r.channel(anchor.channel())
                        .threadTs(anchor.ts())
                        .text(t.text())
                        .blocksAsString(t.blocks())
                        .metadata(metadata(key))
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
            }
            if (write instanceof SlackWrite.Update u) {
                return updated(
                        methods.chatUpdate(r -> r.channel(anchor.channel())
                                .ts(anchor.ts())
                                .text(u.text())
                                .blocksAsString(u.blocks())),
                        anchor);
            }
            if (write instanceof SlackWrite.Upload u) {
                return uploaded(u);
            }
            SlackWrite.Ephemeral e = (SlackWrite.Ephemeral) write;
            return ephemeral(
                    methods.chatPostEphemeral(r ->
                            r.channel(e.channel()).user(e.user()).text(e.text()).blocksAsString(e.blocks())),
                    e.channel());
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Attempt.RetryLater(RetryAfter.of(e).orElse(Duration.ofSeconds(1)), "ratelimited", false);
            }
            return code >= 500
                    ? new Attempt.RetryLater(null, "HTTP " + code, true)
                    : new Attempt.Failed("HTTP " + code);
        } catch (IOException e) {
            return new Attempt.RetryLater(null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /**
     * After an attempt whose fate is unknown, looks for the message by the key carried in its
     * metadata: channel posts in the channel's history, DMs in the conversation with the person,
     * replies in the anchor's thread; a message counts only when the bot wrote it. Only ephemeral
     * messages cannot be looked up (Slack keeps none), and updates need no lookup: making one again
     * changes nothing.
     */
    Lookup findPosted(String key, SlackWrite write, Anchor anchor, Instant since) {
        String oldest = (since.getEpochSecond() - 60) + ".000000";
        Predicate<Message> byTheBot = self::wrote;
        try {
            if (write instanceof SlackWrite.Post || write instanceof SlackWrite.Upload) {
                String to = write instanceof SlackWrite.Post p ? p.channel() : ((SlackWrite.Upload) write).channel();
                String channel = isPerson(to) ? dmWith(to) : to;
                if (channel == null) {
                    return new Lookup.CannotTell("conversations.open refused");
                }
                Predicate<Message> landed =
                        write instanceof SlackWrite.Upload u ? m -> sharesFile(m, u.filename()) : m -> carries(m, key);
                return inHistory(byTheBot.and(landed), channel, null, oldest);
            }
            if (write instanceof SlackWrite.ThreadReply) {
                return inHistory(byTheBot.and(m -> carries(m, key)), anchor.channel(), anchor.ts(), oldest);
            }
            return new Lookup.NotThere();
        } catch (SlackApiException e) {
            return new Lookup.CannotTell("HTTP " + e.getResponse().code());
        } catch (IOException e) {
            return new Lookup.CannotTell(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Lookup inHistory(Predicate<Message> landed, String channel, String threadTs, String oldest)
            throws IOException, SlackApiException {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String at = cursor;
            List<Message> messages;
            ResponseMetadata more;
            if (threadTs == null) {
                var r = methods.conversationsHistory(q -> q.channel(channel)
                        .oldest(oldest)
                        .includeAllMetadata(true)
                        .limit(PAGE)
                        .cursor(at));
                if (!r.isOk()) {
                    return new Lookup.CannotTell("conversations.history: " + r.getError());
                }
                messages = r.getMessages();
                more = r.getResponseMetadata();
            } else {
                var r = methods.conversationsReplies(q -> q.channel(channel)
                        .ts(threadTs)
                        .oldest(oldest)
                        .includeAllMetadata(true)
                        .limit(PAGE)
                        .cursor(at));
                if (!r.isOk()) {
                    return new Lookup.CannotTell("conversations.replies: " + r.getError());
                }
                messages = r.getMessages();
                more = r.getResponseMetadata();
            }
            Optional<String> found = messages == null
                    ? Optional.empty()
                    : messages.stream().filter(landed).map(Message::getTs).findFirst();
            if (found.isPresent()) {
                return new Lookup.Found(channel, found.get());
            }
            cursor = more == null ? null : more.getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                return new Lookup.NotThere();
            }
        }
        return new Lookup.CannotTell("more than " + PAGE * MAX_PAGES + " messages since the attempt");
    }

    /** The DM conversation with a person, or null when Slack will not open it. */
    private String dmWith(String user) throws IOException, SlackApiException {
        var open = methods.conversationsOpen(r -> r.users(List.of(user)).returnIm(true));
        return open.isOk() ? open.getChannel().getId() : null;
    }

    /**
     * files.uploadV2: a URL for the bytes, the bytes, then the share with its comment. Only the last
     * step shares the file, so an answer lost before it leaves nothing to find.
     */
    private Attempt uploaded(SlackWrite.Upload u) throws IOException, SlackApiException {
        String channel = isPerson(u.channel()) ? dmWith(u.channel()) : u.channel();
        if (channel == null) {
            return new Attempt.RetryLater(null, "conversations.open refused", false);
        }
        try {
            var r = methods.filesUploadV2(q -> q.channel(channel)
                    .filename(u.filename())
                    .title(u.title())
                    .content(u.content())
                    .initialComment(u.text()));
            return r.isOk() ? new Attempt.Sent(channel, null) : refused(r);
        } catch (SlackFilesUploadV2Exception e) {
            var complete = e.getCompleteResponse();
            if (complete != null) {
                return refused(complete);
            }
            return e.getGetURLResponses().stream()
                    .filter(g -> !g.isOk())
                    .findFirst()
                    .<Attempt>map(SlackWriter::refused)
                    .orElse(new Attempt.RetryLater(null, "the file's bytes were not taken", false));
        }
    }

    private static boolean sharesFile(Message m, String filename) {
        return m.getFiles() != null && m.getFiles().stream().anyMatch(f -> filename.equals(f.getName()));
    }

    private static boolean carries(Message m, String key) {
        return m.getMetadata() != null
                && METADATA_EVENT.equals(m.getMetadata().getEventType())
                && m.getMetadata().getEventPayload() != null
                && key.equals(m.getMetadata().getEventPayload().get("key"));
    }

    /** A user ID: chat.postMessage to it is a DM, whose conversation has its own ID. */
    static boolean isPerson(String id) {
        return id != null && (id.startsWith("U") || id.startsWith("W"));
    }

    private static Message.Metadata metadata(String key) {
        return Message.Metadata.builder()
                .eventType(METADATA_EVENT)
                .eventPayload(Map.of("key", key))
                .build();
    }

    private static Attempt posted(ChatPostMessageResponse r) {
        return r.isOk() ? new Attempt.Sent(r.getChannel(), r.getTs()) : refused(r);
    }

    private static Attempt updated(ChatUpdateResponse r, Anchor anchor) {
        return r.isOk() ? new Attempt.Sent(anchor.channel(), anchor.ts()) : refused(r);
    }

    private static Attempt ephemeral(ChatPostEphemeralResponse r, String channel) {
        return r.isOk() ? new Attempt.Sent(channel, r.getMessageTs()) : refused(r);
    }

    private static Attempt refused(SlackApiTextResponse r) {
        return TRANSIENT.contains(r.getError())
                ? new Attempt.RetryLater(null, r.getError(), false)
                : new Attempt.Failed(r.getError());
    }
}
