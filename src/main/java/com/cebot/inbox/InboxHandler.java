package com.cebot.inbox;

import com.cebot.work.WorkItem;
import org.jdbi.v3.core.Handle;

/**
 * Turns one kind of submission into records and outbox writes, on the handle that marks it done.
 * The item's key is what Slack delivered, its {@code forUser} who submitted, its payload the form.
 */
public interface InboxHandler {

    void process(Handle handle, WorkItem item) throws Exception;

    /** The submission could not be processed, however often it was tried: the person must hear. */
    void failed(Handle handle, WorkItem item, String error);
}
