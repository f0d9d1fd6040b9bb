package com.cebot.slack.socket;

import com.slack.api.bolt.App;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Socket Mode connection to Slack, run with the SDK's pieces instead of Bolt's
 * {@code SocketModeApp}, which in 1.48.0 reports success when the WebSocket was refused, lets its
 * session monitor log a stack trace every 5 s forever, and closes the socket before running
 * handlers have sent their acks.
 *
 * <ul>
 *   <li><b>Up means hello.</b> {@link #start()} opens a URL with {@code apps.connections.open},
 *       connects and returns only once Slack's {@code hello} arrived on that socket, or throws a
 *       one-line {@link StartFailure} within {@link SocketTiming#helloTimeout()}, having closed what
 *       it opened ({@link Opener}, {@link Wording}). It also starts the Bolt {@link App}; that makes
 *       no Slack call when the app's middleware is already built (an {@code app.use(…)} before, as
 *       the bot does), else it runs Bolt's {@code auth.test}.
 *   <li><b>Dispatch at once.</b> Each frame goes to a worker the moment it is read; Bolt's answer
 *       becomes the ack, and a shortcut is acked as it is read ({@link Dispatcher},
 *       {@link EnvelopeHandler}, {@link Acks}). Payloads are never logged: they hold what people typed.
 *   <li><b>Supervised.</b> A socket Slack asks to go, or that closes or stops answering pings, is
 *       replaced, with one log line per failed try and one on recovery ({@link Supervisor}).
 *   <li><b>Counted.</b> Envelopes and acks by kind, the time to each ack, acks past 2.5 s, reconnects
 *       and whether the socket is up go to the meter registry it is given ({@link SocketMeters}).
 *   <li><b>Graceful close.</b> {@link #close()} stops taking envelopes (later ones are dropped and
 *       counted: Slack sends events again, to another connection), waits up to
 *       {@link SocketTiming#drainTimeout()} for running handlers to send their acks, then closes the
 *       sockets and every thread it started.
 * </ul>
 *
 * <p>Each socket is a {@link Link} with its own SDK client (session monitor and auto-reconnect off,
 * no polling threads).
 */
public final class SocketModeConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

    /** Why {@link #start()} gave up, in one line fit for the person starting the bot. */
    public static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final App app;
    private final SocketTiming timing;
    private final Opener opener;
    private final Supervisor supervisor;
    private final Dispatcher dispatcher;
    // Guarded by this.
    private boolean started;
    private boolean closed;

    /**
     * @param app the Bolt app whose listeners handle the envelopes; its {@code slack()} makes the Web API calls
     * @param appToken the app-level token ({@code xapp-…}) with {@code connections:write}
     * @param threads workers running handlers
     * @param onHello told the time of every {@code hello} Slack sends (on a worker thread), before
     *     {@link #start()} can return on it
     * @param meters where envelopes, acks and reconnects are counted
     * @param inHand counts the envelopes taken and not yet finished
     */
    public SocketModeConnection(
            App app,
            String appToken,
            int threads,
            SocketTiming timing,
            Clock clock,
            Consumer<Instant> onHello,
            MeterRegistry meters,
            InHand inHand) {
        SocketMeters counted = new SocketMeters(meters);
        this.app = app;
        this.timing = timing;
        this.opener = new Opener(app.slack(), appToken, timing, new Wiring());
        this.supervisor = new Supervisor(opener, timing, clock, onHello, counted);
        this.dispatcher = new Dispatcher(app, threads, supervisor, counted, inHand);
        counted.watch(supervisor);
    }

    /**
     * Opens the connection and returns once Slack said hello on it; then keeps it open until
     * {@link #close()}. On failure everything opened is closed again and this object is done.
     */
    public void start() throws StartFailure {
        synchronized (this) {
            if (started || closed) {
                throw new IllegalStateException("a SocketModeConnection starts once");
            }
            started = true;
        }
        try {
            app.start();
        } catch (RuntimeException e) {
            close();
            throw new StartFailure("Bolt could not start: " + e.getMessage());
        }
        Opener.Attempt first;
        try {
            first = opener.open();
        } catch (AttemptFailed e) {
            close();
            throw new StartFailure(Wording.startFailure(e));
        }
        Link link = first.link();
        if (first.outcome().kind() != Outcome.Kind.HELLO) {
            close();
            throw new StartFailure(Wording.startFailure(first.outcome(), link.host, timing.helloTimeout()));
        }
        if (!supervisor.up(link)) {
            close();
            throw new StartFailure(Wording.closedAfterHello(link.host));
        }
    }

    /** True while a socket that said hello is open and the connection is not closing. */
    public boolean isUp() {
        return supervisor.isUp();
    }

    /** When Slack last said hello on any socket of this connection. */
    public Optional<Instant> lastHello() {
        return supervisor.lastHello();
    }

    /**
     * Stops taking envelopes, lets running handlers finish and send their acks (up to
     * {@link SocketTiming#drainTimeout()}), then closes the sockets, the SDK clients and every
     * thread. Closing again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        dispatcher.stopTaking();
        supervisor.stop();
        opener.stop();
        dispatcher.drain(timing.drainTimeout());
        opener.closeAll();
        dispatcher.close();
        supervisor.awaitStopped();
        try {
            app.stop();
        } catch (RuntimeException e) {
            log.warn("Bolt did not stop cleanly: {}", e.getClass().getName());
        }
    }

    /** Each socket's reports: its frames to the dispatcher, its closing to the supervisor. */
    private final class Wiring implements Link.Events {

        @Override
        public void frame(Link link, String message) {
            dispatcher.frame(link, message);
        }

        @Override
        public void socketClosed(Link link, Integer code) {
            supervisor.socketClosed(link, code);
        }
    }
}
