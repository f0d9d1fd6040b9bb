package com.cebot.supportticket.context;

import java.time.Instant;

/** One stored Support Ticket Context; {@code links} is the JSON of the parsed links. */
record SupportContext(
        long id,
        long cardId,
        long customerId,
        String customerName,
        String submittedBy,
        String links,
        String background,
        Instant createdAt) {}
