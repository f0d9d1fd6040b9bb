package com.cebot.supportticket.context;

import java.time.Instant;

/**
 * A card in #customer-support; {@code channel}/{@code ts} are null until it has landed. {@code state}
 * is posting, posted or refused. {@code claims} counts the times it was taken (a release lets it be
 * taken again).
 */
record ContextCardRow(
        long id,
        long customerId,
        String cardKey,
        String assignee,
        Instant assignedAt,
        String channel,
        String ts,
        String state,
        int claims) {}
