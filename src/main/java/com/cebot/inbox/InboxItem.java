package com.cebot.inbox;

import java.time.Instant;

/** A submission waiting to be processed. */
public record InboxItem(long id, String deliveryKey, String kind, String userId, String payload, int attempts,
        Instant receivedAt) {}
