package com.cebot.outbox;

import org.jdbi.v3.core.Handle;

/**
 * Told about a write's fate, inside the transaction that records it, so that what it stores (a
 * card's ts) or enqueues (a confirmation DM) happens exactly when the delivery is recorded.
 */
public interface DeliveryHook {

    void delivered(Handle handle, String ref, Delivered delivered);

    /** A write Slack refused for good (channel gone, bot removed): the person must still hear. */
    default void failed(Handle handle, String ref, String error) {}

    record Delivered(String channel, String ts) {}
}
