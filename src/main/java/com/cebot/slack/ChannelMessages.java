package com.cebot.slack;

import com.cebot.logging.SafeErrors;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.element.RichTextListElement;
import com.slack.api.model.block.element.RichTextPreformattedElement;
import com.slack.api.model.block.element.RichTextQuoteElement;
import com.slack.api.model.block.element.RichTextSectionElement;
import com.slack.api.model.event.MessageEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New messages in the channels the bot is in, handed to every feature that listens. Bolt stops at
 * the first message listener that acks, so the bot registers one listener and fans out here.
 * Only plain new messages arrive: edits, deletions and other bots' posts come as message subtypes,
 * which Bolt types apart and the bot acks without handing on; the bot's own posts are dropped by
 * Bolt before they get here. A listener runs on the envelope's thread before the ack, so it must
 * be quick: store what it needs and leave Slack calls to the outbox.
 */
public final class ChannelMessages {

    private static final Logger log = LoggerFactory.getLogger(ChannelMessages.class);
    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^([A-Z0-9]+)(?:\\|[^>]*)?>");

    /**
     * A new message. {@code threadTs} is null for a top-level message; {@code users} and
     * {@code groups} are the people and user groups it mentions, from its text and its rich text.
     */
    public record Message(String eventId, String channel, String user, String ts, String threadTs, String text,
            Set<String> users, Set<String> groups) {

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
     * Registers the one message listener. A listener that throws is logged and the others still
     * run; the event is acked either way, since Slack's retry would reach the same fault.
     */
    public void register(App app) {
        app.event(MessageEvent.class, (req, ctx) -> {
            MessageEvent event = req.getEvent();
            if (event.getBotId() != null || !UserId.looksLikeOne(event.getUser()) || listeners.isEmpty()) {
                return ctx.ack();
            }
            Message message = read(req.getEventId(), event);
            for (Listener listener : listeners) {
                try {
                    listener.message(message);
                } catch (RuntimeException e) {
                    log.error("message {} in {}: a listener failed: {}", message.ts(), message.channel(),
                            SafeErrors.describe(e));
                }
            }
            return ctx.ack();
        });
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
        return new Message(eventId, event.getChannel(), event.getUser(), event.getTs(), event.getThreadTs(), text,
                Set.copyOf(users), Set.copyOf(groups));
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
