package com.cebot.slack.socket;

import com.cebot.db.Deadline;
import com.cebot.logging.SafeErrors;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one envelope through Bolt and acks with Bolt's answer: what {@code SocketModeApp#runBoltApp}
 * does, within Slack's 3 s, without logging bodies or payloads (they hold what people typed). An
 * envelope left without an ack is counted.
 */
final class EnvelopeHandler {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeHandler.class);
    /** Slack's 3 s to ack, less the time the ack takes to travel back. */
    private static final Duration ACK_WINDOW = Duration.ofMillis(2_800);
    /** The least an envelope's listener gets for its store work, however long it waited. */
    private static final Duration LAST_TURN = Duration.ofMillis(300);

    private final App app;
    private final BoltRequests requests;
    private final Acks acks;
    private final SocketMeters meters;
    private volatile boolean cutShort;

    EnvelopeHandler(App app, Acks acks, SocketMeters meters) {
        this.app = app;
        this.requests = new BoltRequests(app.config());
        this.acks = acks;
        this.meters = meters;
    }

    /**
     * On a worker (or on the reader when every worker is busy and the backlog full).
     *
     * @param arrived {@link System#nanoTime()} when the socket's reader got the frame
     */
    void handle(Link link, String message, FrameHeader frame, long arrived) {
        String type = frame.type();
        String envelopeId = frame.envelopeId();
        try {
            Request<?> request = requests.parse(message);
            if (request == null) {
                unacked(frame);
                return;
            }
            // Slack's 3 s run from the envelope's arrival, not from when a worker got to it: in a
            // burst an envelope may wait for a worker, and the listener's store work should still
            // end in time for its ack. But an envelope that waited long still gets a short turn:
            // a store that answers in a millisecond is not the problem, and refusing it would turn a
            // busy moment into forms people must send again. Stored and acked late, a form is kept,
            // and sending it again is answered as a repeat.
            Duration waited = Duration.ofNanos(System.nanoTime() - arrived);
            Duration left = ACK_WINDOW.minus(waited);
            Response response =
                    Deadline.callWithin(left.compareTo(LAST_TURN) < 0 ? LAST_TURN : left, () -> app.run(request));
            Integer status = response == null ? null : response.getStatusCode();
            if (status == null || status != 200) {
                unacked(frame);
                log.warn(
                        "Bolt answered {} to {} envelope {}; {}",
                        status,
                        type,
                        envelopeId,
                        frame.acksFirst() ? "acked already" : "not acked");
                return;
            }
            if (!frame.acksFirst()) {
                acks.send(link, frame, arrived, acks.of(envelopeId, response));
            }
        } catch (Exception e) {
            unacked(frame);
            if (cutShort) {
                // Cut short by close() after the drain timeout, which says so in its own line.
                log.debug("Handling {} envelope {} stopped: {}", type, envelopeId, SafeErrors.describe(e));
            } else {
                log.error("Handling {} envelope {} failed: {}", type, envelopeId, SafeErrors.describe(e));
            }
        }
    }

    /** An envelope acked as it was read has its ack already. */
    private void unacked(FrameHeader frame) {
        if (!frame.acksFirst()) {
            meters.of(frame).unacked();
        }
    }

    /** Close gave up waiting: failures from here on are handlers being stopped, not handlers failing. */
    void cutShort() {
        cutShort = true;
    }
}
