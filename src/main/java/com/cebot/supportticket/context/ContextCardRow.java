package com.cebot.supportticket.context;

import java.time.Instant;

/**
 * A card in #customer-support; {@code channel}/{@code ts} are null until it has landed. {@code state}
 * is posting, posted or refused.
 */
record ContextCardRow(long id, long customerId, String cardKey, String assignee, Instant assignedAt,
        String channel, String ts, String state) {}
