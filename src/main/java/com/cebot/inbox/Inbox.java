package com.cebot.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.cebot.schedule.Worker;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store first, in one write, then ack. A listener accepts a checked submission here with a single
 * insert keyed on what Slack delivered; one worker thread then processes it, in the transaction
 * that marks it done, so it is processed exactly once and survives a restart. Measured on a burst
 * of 500 context submissions, storing the whole submission before the ack put the median ack at
 * 2.3 s; one insert keeps it near the bare socket.
 */
public final class Inbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int BATCH = 50;
    private static final int MAX_ATTEMPTS = 8;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, InboxHandler> handlers = new ConcurrentHashMap<>();
    private final Worker worker;

    public Inbox(Jdbi jdbi, Clock clock, Duration poll) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.worker = new Worker("inbox", poll, this::processDue);
    }

    public void register(String kind, InboxHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("Two handlers for inbox kind " + kind);
        }
    }

    /** @return false when this delivery was accepted before (Slack sent it again). */
    public boolean accept(String deliveryKey, String kind, String userId, String payload) {
        boolean first = jdbi.inTransaction(h -> h.attach(InboxRepository.class)
                .insert(deliveryKey, kind, userId, payload, clock.instant())) == 1;
        worker.wake();
        return first;
    }

    public void start() {
        worker.start();
    }

    /** One pass. @return how many items were taken up. */
    public int processDue() {
        List<InboxItem> due = jdbi.withExtension(InboxRepository.class, r -> r.due(clock.instant(), BATCH));
        for (InboxItem item : due) {
            process(item);
        }
        return due.size();
    }

    private void process(InboxItem item) {
        InboxHandler handler = handlers.get(item.kind());
        if (handler == null) {
            fail(null, item, "no handler for " + item.kind());
            return;
        }
        long started = System.nanoTime();
        try {
            jdbi.useTransaction(h -> {
                if (h.attach(InboxRepository.class).markDone(item.id(), clock.instant()) == 1) {
                    handler.process(h, item);
                }
            });
            log.info("inbox {} {} processed in {} ms", item.kind(), item.id(), (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            if (item.attempts() + 1 >= MAX_ATTEMPTS) {
                fail(handler, item, e.toString());
            } else {
                log.warn("inbox {} {} attempt {} failed: {}", item.kind(), item.id(), item.attempts() + 1, e.toString());
                Instant next = clock.instant().plusSeconds(1L << Math.min(item.attempts(), 10));
                jdbi.useExtension(InboxRepository.class, r -> r.markRetry(item.id(), e.toString(), next));
            }
        }
    }

    private void fail(InboxHandler handler, InboxItem item, String error) {
        log.error("inbox {} {} given up: {}", item.kind(), item.id(), error);
        jdbi.useTransaction(h -> {
            h.attach(InboxRepository.class).markFailed(item.id(), error);
            if (handler != null) {
                handler.failed(h, item, error);
            }
        });
    }

    @Override
    public void close() {
        worker.close();
    }
}
