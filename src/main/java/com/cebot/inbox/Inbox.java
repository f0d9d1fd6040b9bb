package com.cebot.inbox;

import com.cebot.db.Deadline;
import com.cebot.db.StoreBusyException;
import com.cebot.work.NewWork;
import com.cebot.work.Outcome;
import com.cebot.work.WorkHandler;
import com.cebot.work.WorkItem;
import com.cebot.work.WorkQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Store first, in one write, then ack. A listener accepts a checked submission here with a single
 * insert keyed on what Slack delivered; the inbox queue then processes it off the socket, in the
 * transaction that marks it done, so it is processed exactly once and survives a restart. Measured
 * on a burst of 500 context submissions, storing the whole submission before the ack put the median
 * ack at 2.3 s; one insert keeps it near the bare socket. What the store could not take in time
 * is counted for the operators' metrics: each is a person told to send it again.
 */
public final class Inbox {

    /** A refusal with less than this left of its deadline came from waiting, whatever the store called it. */
    private static final Duration OUT_OF_TIME = Duration.ofMillis(50);

    private final WorkQueue queue;
    private final Counter busy;
    private final Counter failed;

    /** @param meters where submissions the store refused are counted */
    public Inbox(WorkQueue queue, MeterRegistry meters) {
        this.queue = queue;
        this.busy = refused("busy", meters);
        this.failed = refused("failed", meters);
    }

    private static Counter refused(String reason, MeterRegistry meters) {
        return Counter.builder("cebot.store.refused")
                .tag("reason", reason)
                .description("Submissions the store could not take before their ack (busy: not in time; failed:"
                        + " an error); each person was asked to send again")
                .register(meters);
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
        try {
            return queue.add(NewWork.of(deliveryKey, kind).forUser(userId).withPayload(payload));
        } catch (RuntimeException e) {
            // SQLite's own busy wait ends with an error of its own when the deadline does.
            boolean outOfTime = e instanceof StoreBusyException
                    || Deadline.remaining()
                            .map(left -> left.compareTo(OUT_OF_TIME) < 0)
                            .orElse(false);
            (outOfTime ? busy : failed).increment();
            throw e;
        }
    }
}
