package com.cebot.outbox;

import com.cebot.slack.Mrkdwn;
import com.cebot.work.NewWork;
import com.cebot.work.Outcome;
import com.cebot.work.WorkHandler;
import com.cebot.work.WorkItem;
import com.cebot.work.WorkQueue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store first, post later. Features enqueue Slack writes in the same transaction as the change
 * that causes them; the outbox queue delivers them, retrying with backoff and Retry-After, across
 * restarts, never making a key twice: a write whose fate is unknown is looked for before it is made
 * again, once Slack has had time to finish it, and when the lookup itself fails the write waits
 * rather than risk a second copy.
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkQueue queue;
    private final SlackWriter writer;
    private final Duration settle;
    private final Map<String, DeliveryHook> hooks = new ConcurrentHashMap<>();

    /**
     * @param settle how long after a call the bot stopped waiting for Slack may still carry it out:
     *     the write is not looked for sooner. The Slack client's timeout: a call Slack is slow to
     *     finish ends within about one more.
     * @param self the bot, whose messages alone a lookup takes for its own writes
     */
    public Outbox(WorkQueue queue, MethodsClient methods, Duration settle, BotIdentity self) {
        this.queue = queue;
        this.writer = new SlackWriter(methods, self);
        this.settle = settle;
        Delivery delivery = new Delivery();
        for (String method : WriteCodec.METHODS) {
            queue.register(method, delivery);
        }
    }

    public void register(String topic, DeliveryHook hook) {
        if (hooks.putIfAbsent(topic, hook) != null) {
            throw new IllegalStateException("Two hooks for outbox topic " + topic);
        }
    }

    /** Adds a write to the caller's transaction; a key already enqueued is left as it is. */
    public void enqueue(Handle handle, OutboxMessage message) {
        queue.add(
                handle,
                NewWork.of(message.key(), WriteCodec.method(message.write()))
                        .withPayload(WriteCodec.args(message.write()))
                        .after(message.anchorKey())
                        .withTopic(message.topic())
                        .about(message.ref())
                        .forUser(message.forUser())
                        .person(turnOf(message)));
    }

    /**
     * Whose turn a write takes, so that one person's flood of writes waits behind everyone else's
     * next one: the person who caused it when the feature says ({@code forUser}), or else the person
     * it is addressed to (a DM, a file shared with them, a private note). The rest, the bot's own
     * posts and notes, take turns together.
     */
    private static String turnOf(OutboxMessage message) {
        if (message.forUser() != null) {
            return message.forUser();
        }
        SlackWrite write = message.write();
        if (write instanceof SlackWrite.Ephemeral e) {
            return e.user();
        }
        String channel = write instanceof SlackWrite.Post p
                ? p.channel()
                : write instanceof SlackWrite.Upload u ? u.channel() : null;
        return SlackWriter.isPerson(channel) ? channel : null;
    }

    /**
     * Makes a message someone else posted an anchor under {@code key}, in the caller's transaction:
     * thread replies and updates can then be anchored to it like to the bot's own posts.
     */
    public void knownMessage(Handle handle, String key, String channel, String ts) {
        queue.addDone(
                handle,
                key,
                "known.message",
                JSON.createObjectNode().put("channel", channel).put("ts", ts).toString());
    }

    /** pending, done or failed; empty for a key never enqueued. */
    public Optional<String> status(String key) {
        return queue.status(key);
    }

    /** Delivers one write; on a fate it cannot know, looks before writing again. */
    private final class Delivery implements WorkHandler {

        @Override
        public Outcome handle(WorkItem item, Instant now) {
            SlackWrite write = WriteCodec.read(item.kind(), item.payload());
            SlackWriter.Anchor anchor = item.afterKey() == null ? null : anchor(item.afterResult());
            if (item.uncertain()) {
                if (write instanceof SlackWrite.Ephemeral) {
                    // Slack keeps no ephemeral message to look for; a second copy would show twice.
                    log.warn("outbox {}: an earlier attempt may have shown it; not showing it again", item.key());
                    return delivered(item, ((SlackWrite.Ephemeral) write).channel(), null);
                }
                Lookup lookup = writer.findPosted(item.key(), write, anchor, item.createdAt());
                if (lookup instanceof Lookup.Found found) {
                    log.info("outbox {} had landed before an unanswered attempt; not posting again", item.key());
                    return delivered(item, found.channel(), found.ts());
                }
                if (lookup instanceof Lookup.CannotTell cannot) {
                    return new Outcome.RetryLater(
                            null, "cannot tell whether an earlier attempt landed (" + cannot.error() + ")", true, true);
                }
            }
            Attempt attempt = writer.send(item.key(), write, anchor);
            if (attempt instanceof Attempt.Sent sent) {
                return delivered(item, sent.channel(), sent.ts());
            }
            if (attempt instanceof Attempt.RetryLater retry) {
                if (retry.after() != null) {
                    // Retry-After counts from the answer, not from when the call began.
                    queue.pauseFor(item.kind(), retry.after());
                    return new Outcome.RetryLater(retry.after(), retry.error(), retry.maybeSent(), false);
                }
                // Slack may still be carrying out a call we stopped waiting for (a timeout, a 504):
                // looked for at once, the message might not be there yet and would be posted twice.
                return new Outcome.RetryLater(
                        retry.maybeSent() ? settle : null, retry.error(), retry.maybeSent(), true);
            }
            return new Outcome.Failed(((Attempt.Failed) attempt).error());
        }

        private Outcome delivered(WorkItem item, String channel, String ts) {
            String result = ts == null
                    ? null
                    : JSON.createObjectNode()
                            .put("channel", channel)
                            .put("ts", ts)
                            .toString();
            return new Outcome.Done(
                    result,
                    h -> hook(item)
                            .ifPresent(hook -> hook.delivered(h, item.ref(), new DeliveryHook.Delivered(channel, ts))),
                    true);
        }

        /** Told in the transaction that records the failure: the hook, or else the person it was for. */
        @Override
        public void failed(Handle handle, WorkItem item, String error) {
            Optional<DeliveryHook> hook = hook(item);
            if (hook.isPresent()) {
                hook.get().failed(handle, item.ref(), error);
                return;
            }
            SlackWrite write = WriteCodec.read(item.kind(), item.payload());
            String recipient = write instanceof SlackWrite.Post p ? p.channel() : null;
            if (item.forUser() != null && !item.forUser().equals(recipient)) {
                enqueue(
                        handle,
                        OutboxMessage.of(
                                "undelivered:" + item.id(),
                                new SlackWrite.Post(item.forUser(), notDelivered(write, error), null)));
            }
        }

        private Optional<DeliveryHook> hook(WorkItem item) {
            return item.topic() == null ? Optional.empty() : Optional.ofNullable(hooks.get(item.topic()));
        }
    }

    private static String notDelivered(SlackWrite write, String error) {
        String what;
        if (write instanceof SlackWrite.Post p) {
            what = "post a message in " + (SlackWriter.isPerson(p.channel()) ? "a DM" : "<#" + p.channel() + ">");
        } else if (write instanceof SlackWrite.ThreadReply) {
            what = "add a note to a card's thread";
        } else if (write instanceof SlackWrite.Upload) {
            what = "share a file";
        } else if (write instanceof SlackWrite.Update) {
            what = "update a card";
        } else {
            what = "show a private note";
        }
        return "Slack would not let me " + what + " after what you did (" + Mrkdwn.escape(error) + "). What you did"
                + " is saved; please tell the CE Bot admins, who can see it with `status` and send it again with"
                + " `retry-failed`.";
    }

    private static SlackWriter.Anchor anchor(String result) {
        if (result == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(result);
            return new SlackWriter.Anchor(
                    node.path("channel").asText(), node.path("ts").asText());
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable location of an anchor message", e);
        }
    }
}
