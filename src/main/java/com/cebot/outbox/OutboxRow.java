package com.cebot.outbox;

import java.time.Instant;

/** A stored outbox row; {@code anchorChannel}/{@code anchorTs} come from the landed anchor. */
record OutboxRow(
        long id,
        String messageKey,
        String anchorKey,
        String method,
        String args,
        String topic,
        String ref,
        int attempts,
        boolean maybeSent,
        Instant createdAt,
        String anchorChannel,
        String anchorTs) {}
