package com.cebot.outbox;

/**
 * One write to enqueue. {@code key} makes it idempotent: enqueueing a key twice keeps the first.
 * {@code anchorKey} names an earlier message: a {@link SlackWrite.ThreadReply} goes in its thread and
 * an {@link SlackWrite.Update} rewrites it; both wait until that message has landed. Messages that
 * share an anchor are delivered in the order they were enqueued. {@code topic} and {@code ref} tell
 * the outbox whom to call back with the outcome (see {@link DeliveryHook}); {@code forUser} is who
 * hears if the write fails for good and no hook speaks for it.
 */
public record OutboxMessage(String key, String anchorKey, SlackWrite write, String topic, String ref, String forUser) {

    public OutboxMessage {
        boolean anchored = write instanceof SlackWrite.ThreadReply || write instanceof SlackWrite.Update;
        if (anchored != (anchorKey != null)) {
            throw new IllegalArgumentException(
                    write.getClass().getSimpleName() + (anchored ? " needs an anchor" : " takes no anchor"));
        }
    }

    public static OutboxMessage of(String key, SlackWrite.Post post) {
        return new OutboxMessage(key, null, post, null, null, null);
    }

    public static OutboxMessage of(String key, SlackWrite.Upload upload) {
        return new OutboxMessage(key, null, upload, null, null, null);
    }

    public static OutboxMessage of(String key, SlackWrite.Ephemeral ephemeral) {
        return new OutboxMessage(key, null, ephemeral, null, null, null);
    }

    public static OutboxMessage anchored(String key, String anchorKey, SlackWrite write) {
        return new OutboxMessage(key, anchorKey, write, null, null, null);
    }

    public OutboxMessage onDelivery(String topic, String ref) {
        return new OutboxMessage(key, anchorKey, write, topic, ref, forUser);
    }

    public OutboxMessage forUser(String userId) {
        return new OutboxMessage(key, anchorKey, write, topic, ref, userId);
    }
}
