package com.cebot.slack.socket;

import com.slack.api.bolt.App;
import com.slack.api.util.json.GsonFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each frame to a bounded worker pool the moment it is read, having read only its header
 * (the SDK's own queue is polled by one task per thread every 10 ms); when the pool and its
 * backlog are full, the socket's reader runs the frame itself, reading more slowly rather than
 * dropping one. A shortcut is acked by the reader before its frame goes to a worker. Counts the
 * envelopes in hand, so that closing can stop taking more and wait for the running ones' acks.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BACKLOG = 10_000;

    /** What the frames that are not envelopes ask of the one who keeps the sockets. */
    interface Control {
        /** Slack said hello on this socket (called on a worker). */
        void hello(Link link);

        /** Slack asked this socket to go. */
        void disconnect(Link link, String reason);

        /** The open socket, if any: for an ack whose own socket has closed. */
        Optional<Link> current();
    }

    private final Control control;
    private final SocketMeters meters;
    private final Acks acks;
    private final EnvelopeHandler envelopes;
    private final ThreadPoolExecutor workers;
    private final InHand inHand;

    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean accepting = true;

    /** @param app the Bolt app whose listeners handle the envelopes */
    Dispatcher(App app, int threads, Control control, SocketMeters meters, InHand inHand) {
        this.control = control;
        this.inHand = inHand;
        this.meters = meters;
        this.acks = new Acks(GsonFactory.createSnakeCase(app.slack().getConfig()), control::current, meters);
        this.envelopes = new EnvelopeHandler(app, acks, meters);
        this.workers = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(BACKLOG),
                Threads.numbered("socket-envelope"),
                // Every worker busy and the backlog full: the socket's reader runs the envelope itself.
                // Once closed, refuse.
                (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("closed");
                    }
                    task.run();
                });
    }

    /**
     * On the socket's reader thread. Counted before the check so that closing, which clears
     * {@code accepting} and then waits for zero, either sees this frame running or this frame sees
     * the close.
     */
    void frame(Link link, String message) {
        long arrived = System.nanoTime();
        inHand.taken();
        link.taken();
        FrameHeader header = FrameHeader.read(message);
        if (header.isEnvelope()) {
            meters.of(header).received();
        }
        if (!accepting) {
            finished(link);
            dropIfEnvelope(header);
            return;
        }
        // Acked here, on the socket's reader: in a burst a shortcut's worker may be a long way off,
        // and its modal opens after the ack all the same.
        if (header.acksFirst()) {
            acks.send(link, header, arrived, acks.plain(header.envelopeId()));
        }
        try {
            workers.execute(() -> {
                try {
                    route(link, message, header, arrived);
                } finally {
                    finished(link);
                }
            });
        } catch (RejectedExecutionException e) {
            finished(link);
            dropIfEnvelope(header);
        }
    }

    /** Envelopes read from now on are dropped and counted: Slack sends events again, to another connection. */
    void stopTaking() {
        accepting = false;
    }

    /**
     * Waits up to {@code timeout} for the envelopes in hand to finish, so that their acks are sent
     * before the sockets close. Returns how many are still running.
     */
    int drain(Duration timeout) {
        inHand.awaitNone(timeout);
        int stillRunning = inHand.count();
        if (stillRunning > 0) {
            envelopes.cutShort();
            log.warn(
                    "{} Socket Mode handler(s) still running after {}; closed without their acks",
                    stillRunning,
                    Wording.seconds(timeout));
        }
        return stillRunning;
    }

    /** Stops the workers, interrupting handlers still running, and says how many envelopes were dropped. */
    void close() {
        workers.shutdownNow();
        Threads.awaitTermination(workers);
        int lost = dropped.get();
        if (lost > 0) {
            log.info(
                    "Dropped {} Socket Mode envelope(s) that arrived while closing; Slack sends events again"
                            + " to another connection",
                    lost);
        }
    }

    private void dropIfEnvelope(FrameHeader header) {
        if (header.isEnvelope()) {
            dropped.incrementAndGet();
            meters.dropped();
        }
    }

    private void route(Link link, String message, FrameHeader frame, long arrived) {
        if (frame.type() == null) {
            log.warn("Ignored a Socket Mode frame without a type");
        } else if (frame.type().equals("hello")) {
            control.hello(link);
        } else if (frame.type().equals("disconnect")) {
            control.disconnect(link, frame.reason() == null ? "no reason given" : frame.reason());
        } else if (frame.isEnvelope()) {
            envelopes.handle(link, message, frame, arrived);
        }
    }

    private void finished(Link link) {
        link.finished();
        inHand.finished();
    }
}
