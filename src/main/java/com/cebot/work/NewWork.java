package com.cebot.work;

import java.time.Instant;

/**
 * Work to add to a queue. {@code key} makes adding idempotent: a key already in the queue, whatever
 * its state, is left as it is, so a key names one piece of work once.
 *
 * @param kind     which registered handler does it
 * @param ref      what it is about, for {@link WorkQueue#cancelAll}
 * @param topic    who hears of the outcome (the outbox's delivery hooks)
 * @param payload  what the handler needs, as JSON; never logged
 * @param forUser  who is told if it fails for good
 * @param afterKey another row of the same queue that must finish first; rows waiting on one key are
 *                 done in the order they were added
 * @param dueAt    not before this; null for now
 * @param person   whose turn the row takes: a queue serves people in turns, so one person's many
 *                 rows do not hold up another's; {@code forUser} when null
 */
public record NewWork(
        String key,
        String kind,
        String ref,
        String topic,
        String payload,
        String forUser,
        String afterKey,
        Instant dueAt,
        String person) {

    public NewWork {
        if (key == null || key.isBlank() || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("work needs a key and a kind");
        }
    }

    public static NewWork of(String key, String kind) {
        return new NewWork(key, kind, null, null, null, null, null, null, null);
    }

    public NewWork about(String ref) {
        return new NewWork(key, kind, ref, topic, payload, forUser, afterKey, dueAt, person);
    }

    public NewWork withTopic(String topic) {
        return new NewWork(key, kind, ref, topic, payload, forUser, afterKey, dueAt, person);
    }

    public NewWork withPayload(String payload) {
        return new NewWork(key, kind, ref, topic, payload, forUser, afterKey, dueAt, person);
    }

    public NewWork forUser(String userId) {
        return new NewWork(key, kind, ref, topic, payload, userId, afterKey, dueAt, person);
    }

    public NewWork after(String key) {
        return new NewWork(this.key, kind, ref, topic, payload, forUser, key, dueAt, person);
    }

    public NewWork dueAt(Instant at) {
        return new NewWork(key, kind, ref, topic, payload, forUser, afterKey, at, person);
    }

    public NewWork person(String person) {
        return new NewWork(key, kind, ref, topic, payload, forUser, afterKey, dueAt, person);
    }
}
