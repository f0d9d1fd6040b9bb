package com.cebot.supportticket;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Asked by the request workflow, answered by the context workflow: has support already been given
 * the context for any of these tickets, and where is its card? Asking through this instead of the
 * other workflow's tables lets each keep its tables to itself.
 */
@FunctionalInterface
public interface ContextCards {

    /** Where a context card was posted. */
    record Card(String channel, String ts) {}

    /**
     * The posted context card holding any of {@code ticketKeys} ({@link TicketLink#ticketKey}), read
     * on the caller's handle so the answer fits the caller's transaction. It comes from the store
     * alone, so it holds whether or not the context workflow has started in this process.
     */
    Optional<Card> cardFor(Handle handle, List<String> ticketKeys);
}
