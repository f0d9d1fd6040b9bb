package com.cebot.slack;

import com.cebot.logging.SafeErrors;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.element.RichTextListElement;
import com.slack.api.model.block.element.RichTextPreformattedElement;
import com.slack.api.model.block.element.RichTextQuoteElement;
import com.slack.api.model.block.element.RichTextSectionElement;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.util.json.GsonFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New messages in the channels the bot is in, as people write them, handed to every feature that
 * listens. This is the one place that reads message events: it sits in Bolt's middleware, answers
 * every {@code message} event itself and leaves the others to Bolt's listeners.
 *
 * <p>Slack gives a message a subtype when it is more than words typed in the box, and Bolt types
 * each subtype apart ({@code MessageEvent} is only a message without one). Three subtypes still
 * carry a person's words, and are read exactly like a plain message:
 * <ul>
 *   <li>{@code file_share}: a message with a file attached, such as a screenshot;
 *   <li>{@code thread_broadcast}: a reply in a thread also sent to the channel; it stays a reply
 *       (its {@code thread_ts} names the thread);
 *   <li>{@code me_message}: written with {@code /me}.
 * </ul>
 * Every other subtype is acked here and reaches no listener, on purpose: edits and deletions
 * ({@code message_changed}, {@code message_deleted}), other bots' posts ({@code bot_message}, or
 * any message with a {@code bot_id}), the thread summary {@code message_replied}, and what Slack
 * writes about the channel itself ({@code channel_join}, {@code channel_topic}, …). The bot's own
 * posts are dropped by Bolt before they get here.
 *
 * <p>Bolt's classes for those three subtypes leave out fields a person's message has (the file
 * share and the broadcast have no {@code bot_id}, so another app's broadcast would pass for a
 * person's), so each is read into {@link MessageEvent}, which has them all; the subtype is read
 * from Bolt's request, not parsed again. A listener runs on the envelope's thread before the ack,
 * so it must be quick: store what it needs and leave Slack calls to the outbox.
 */
public final class ChannelMessages implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(ChannelMessages.class);
    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^([A-Z0-9]+)(?:\\|[^>]*)?>");
    /** The subtypes that carry a person's words; a message without a subtype is read as well. */
    static final Set<String> PERSONS_WORDS = Set.of("file_share", "thread_broadcast", "me_message");

    private static final Gson GSON = GsonFactory.createSnakeCase();

    /**
     * A new message. {@code threadTs} is null for a top-level message; {@code users} and
     * {@code groups} are the people and user groups it mentions, from its text and its rich text.
     */
    public record Message(
            String eventId,
            String channel,
            String user,
            String ts,
            String threadTs,
            String text,
            Set<String> users,
            Set<String> groups) {

        public boolean topLevel() {
            return threadTs == null || threadTs.equals(ts);
        }

        /** The thread this message is in, or starts. */
        public String thread() {
            return threadTs == null ? ts : threadTs;
        }
    }

    @FunctionalInterface
    public interface Listener {
        void message(Message message);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Puts this reader in the app's middleware, after whatever is there already (the repeat-delivery
     * filter drops a repeated event before it gets here). Features subscribe instead of registering
     * a message listener of their own, which would never be reached.
     */
    public void register(App app) {
        app.use(this);
    }

    /**
     * A listener that throws is logged and the others still run; the event is acked either way,
     * since Slack's retry would reach the same fault.
     */
    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!(req instanceof EventRequest event) || !isMessage(event.getEventTypeAndSubtype())) {
            return chain.next(req);
        }
        Optional<Message> message = personsWords(event);
        if (message.isPresent()) {
            for (Listener listener : listeners) {
                try {
                    listener.message(message.get());
                } catch (RuntimeException e) {
                    log.error(
                            "message {} in {}: a listener failed: {}",
                            message.get().ts(),
                            message.get().channel(),
                            SafeErrors.describe(e));
                }
            }
        }
        return event.getContext().ack();
    }

    private static boolean isMessage(String typeAndSubtype) {
        return typeAndSubtype != null
                && (typeAndSubtype.equals(MessageEvent.TYPE_NAME)
                        || typeAndSubtype.startsWith(MessageEvent.TYPE_NAME + ":"));
    }

    /** The message, when it holds a person's words and someone listens; empty for everything else. */
    private Optional<Message> personsWords(EventRequest request) {
        String typeAndSubtype = request.getEventTypeAndSubtype();
        String subtype = typeAndSubtype.equals(MessageEvent.TYPE_NAME)
                ? null
                : typeAndSubtype.substring(MessageEvent.TYPE_NAME.length() + 1);
        if (listeners.isEmpty() || (subtype != null && !PERSONS_WORDS.contains(subtype))) {
            return Optional.empty();
        }
        JsonObject body;
        MessageEvent event;
        try {
            body = GSON.fromJson(request.getRequestBodyAsString(), JsonObject.class);
            event = GSON.fromJson(body.getAsJsonObject("event"), MessageEvent.class);
        } catch (RuntimeException e) {
            log.warn("a {} event could not be read, so nobody hears of it: {}", typeAndSubtype, SafeErrors.describe(e));
            return Optional.empty();
        }
        if (event.getBotId() != null || !UserId.looksLikeOne(event.getUser())) {
            return Optional.empty();
        }
        JsonElement eventId = body.get("event_id");
        return Optional.of(read(eventId == null || !eventId.isJsonPrimitive() ? null : eventId.getAsString(), event));
    }

    static Message read(String eventId, MessageEvent event) {
        String text = event.getText() == null ? "" : event.getText();
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        collect(USER, text, users);
        users.removeIf(id -> !UserId.looksLikeOne(id));
        collect(GROUP, text, groups);
        if (event.getBlocks() != null) {
            for (LayoutBlock block : event.getBlocks()) {
                if (block instanceof RichTextBlock rich) {
                    mentions(rich.getElements(), users, groups);
                }
            }
        }
        return new Message(
                eventId,
                event.getChannel(),
                event.getUser(),
                event.getTs(),
                event.getThreadTs(),
                text,
                Set.copyOf(users),
                Set.copyOf(groups));
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static void mentions(List<? extends Object> elements, Set<String> users, Set<String> groups) {
        if (elements == null) {
            return;
        }
        for (Object element : elements) {
            if (element instanceof RichTextSectionElement.User u && UserId.looksLikeOne(u.getUserId())) {
                users.add(u.getUserId());
            } else if (element instanceof RichTextSectionElement.UserGroup g && g.getUsergroupId() != null) {
                groups.add(g.getUsergroupId());
            } else if (element instanceof RichTextSectionElement s) {
                mentions(s.getElements(), users, groups);
            } else if (element instanceof RichTextListElement l) {
                mentions(l.getElements(), users, groups);
            } else if (element instanceof RichTextQuoteElement q) {
                mentions(q.getElements(), users, groups);
            } else if (element instanceof RichTextPreformattedElement p) {
                mentions(p.getElements(), users, groups);
            }
        }
    }
}
