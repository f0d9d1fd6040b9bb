package com.cebot.inbox;

import com.cebot.db.Deadline;
import com.cebot.logging.SafeErrors;
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

    public SubmittedForms(
            Inbox inbox, String kind, Class<T> type, Store<T> store, Outbox outbox, String unprocessedNotice) {
        this.inbox = inbox;
        this.kind = kind;
        this.type = type;
        this.store = store;
        this.outbox = outbox;
        this.unprocessedNotice = unprocessedNotice;
        inbox.register(kind, this);
    }

    /** What became of a submission the listener tried to store before its ack. */
    public sealed interface Accepted {
        /** Stored: it will be processed, even after a restart. */
        record Stored() implements Accepted {}

        /** Slack delivered the same view again; it was stored the first time. */
        record Repeat() implements Accepted {}

        /** The store could not take it in time: nothing is kept, the person must submit again. */
        record NotStored() implements Accepted {}
    }

    /** What the modal shows next to a field when the store could not take the form. */
    public static final String NOT_STORED = "I couldn't save this just now: the bot's database is busy or unavailable."
            + " Nothing was sent, and what you typed is still here: press the button again in a moment.";

    /** What someone whose click could not be recorded is told privately. */
    public static final String NOT_RECORDED = "I couldn't record that just now: the bot's database is busy or"
            + " unavailable. Nothing changed; please try again in a moment.";

    /** Stores the checked form in one write, within the time an ack allows. */
    public Accepted accept(T form, String viewId, String userId) {
        try {
            boolean first = Deadline.within(
                    Deadline.BEFORE_ACK, () -> inbox.accept(PREFIX + viewId, kind, userId, DraftJson.write(form)));
            return first ? new Accepted.Stored() : new Accepted.Repeat();
        } catch (RuntimeException e) {
            log.error(
                    "{} {} from {} could not be stored; the person is asked to submit again: {}",
                    kind,
                    viewId,
                    userId,
                    SafeErrors.describe(e));
            return new Accepted.NotStored();
        }
    }

    @Override
    public void process(Handle handle, WorkItem item) {
        String viewId = item.key().substring(PREFIX.length());
        Object result = store.submit(handle, DraftJson.read(item.payload(), type), viewId, item.forUser());
        log.info("{} {} from {}: {}", kind, viewId, item.forUser(), result);
    }

    @Override
    public void failed(Handle handle, WorkItem item, String error) {
        outbox.enqueue(
                handle,
                OutboxMessage.of(
                        kind + "-unprocessed:" + item.id(),
                        new SlackWrite.Post(item.forUser(), unprocessedNotice, null)));
    }
}
