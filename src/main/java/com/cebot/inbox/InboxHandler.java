package com.cebot.inbox;

import org.jdbi.v3.core.Handle;

/** Turns one kind of submission into records and outbox writes, on the handle that marks it done. */
public interface InboxHandler {

    void process(Handle handle, InboxItem item) throws Exception;

    /** The submission could not be processed, however often it was tried: the person must hear. */
    void failed(Handle handle, InboxItem item, String error);
}
