package com.cebot.inbox;

import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.work.WorkItem;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modal submissions in the inbox: accepted under the view id, read back as the form's record and
 * handed to the workflow; if that keeps failing, the person who submitted is told by DM.
 */
public final class SubmittedForms<T> implements InboxHandler {

    private static final Logger log = LoggerFactory.getLogger(SubmittedForms.class);
    private static final String PREFIX = "view:";

    /** Stores one submitted form on the inbox's handle; returns what came of it, for the log. */
    public interface Store<T> {
        Object submit(Handle handle, T form, String viewId, String userId);
    }

    private final Inbox inbox;
    private final String kind;
    private final Class<T> type;
    private final Store<T> store;
    private final Outbox outbox;
    private final String unprocessedNotice;

    public SubmittedForms(Inbox inbox, String kind, Class<T> type, Store<T> store, Outbox outbox,
            String unprocessedNotice) {
        this.inbox = inbox;
        this.kind = kind;
        this.type = type;
        this.store = store;
        this.outbox = outbox;
        this.unprocessedNotice = unprocessedNotice;
        inbox.register(kind, this);
    }

    /** Stores the checked form in one write, for the ack. @return false for a repeated delivery */
    public boolean accept(T form, String viewId, String userId) {
        return inbox.accept(PREFIX + viewId, kind, userId, DraftJson.write(form));
    }

    @Override
    public void process(Handle handle, WorkItem item) {
        String viewId = item.key().substring(PREFIX.length());
        Object result = store.submit(handle, DraftJson.read(item.payload(), type), viewId, item.forUser());
        log.info("{} {} from {}: {}", kind, viewId, item.forUser(), result);
    }

    @Override
    public void failed(Handle handle, WorkItem item, String error) {
        outbox.enqueue(handle, OutboxMessage.of(kind + "-unprocessed:" + item.id(),
                new SlackWrite.Post(item.forUser(), unprocessedNotice, null)));
    }
}
