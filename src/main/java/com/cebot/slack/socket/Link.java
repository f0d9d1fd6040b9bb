package com.cebot.slack.socket;

import com.slack.api.Slack;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.websocket.ClientEndpoint;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket and the SDK client that owns it; also the client's message queue, so each frame
 * is handed on as it is read. The SDK client is built around one "current session" and closes a
 * replaced one on a private executor its {@code close()} never shuts down; one client per socket
 * also lets a handler ack on the socket its envelope came from.
 */
final class Link implements SocketModeMessageQueue {

    private static final Logger log = LoggerFactory.getLogger(Link.class);
    private static final Duration HELLO_GRACE = Duration.ofMillis(500);

    /** What a link reports, on the socket's own threads. */
    interface Events {
        /** A frame, as the socket's reader read it. */
        void frame(Link link, String message);

        /** The WebSocket closed, and not because this link was closed. */
        void socketClosed(Link link, Integer code);
    }

    /** Host and port, for log lines and messages; never the query: it holds the connection's ticket. */
    final String host;

    private final SocketModeClientTyrusImpl client;
    private final Events events;
    private final Duration helloTimeout;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    /** Envelopes from this socket taken and not finished; a retiring link closes at zero. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile boolean socketClosed;
    private volatile String leaveReason;
    // Guarded by this.
    private boolean connectReturned;
    private boolean helloSeen;
    private boolean closed;
    private boolean retiring;

    Link(Slack slack, String appToken, String url, SocketTiming timing, Events events) throws URISyntaxException {
        URI uri = new URI(url);
        this.host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        this.events = events;
        this.helloTimeout = timing.helloTimeout();
        // No message-processor threads (this queue hands frames over itself), no session monitor,
        // no auto-reconnect: the supervisor does all of that.
        this.client = new Client(
                slack,
                appToken,
                url,
                0,
                this,
                false,
                false,
                timing.pingInterval().toMillis());
        client.addWebSocketCloseListener((code, reason) -> onSocketClosed(code));
    }

    /**
     * The SDK's client, its WebSocket session set never to time out when idle. Tyrus' default,
     * 0 for none, still schedules a task that does nothing on its timer thread for every frame read
     * and every frame sent: in a burst, one more thread woken twice for each envelope. A negative
     * timeout schedules nothing. The supervisor's pings watch the socket instead.
     */
    @ClientEndpoint
    static final class Client extends SocketModeClientTyrusImpl {

        Client(
                Slack slack,
                String appToken,
                String url,
                int processors,
                SocketModeMessageQueue queue,
                boolean sessionMonitor,
                boolean autoReconnect,
                long pingMillis)
                throws URISyntaxException {
            super(slack, appToken, url, processors, queue, sessionMonitor, autoReconnect, pingMillis);
        }

        @Override
        @OnOpen
        public void onOpen(Session session) {
            session.setMaxIdleTimeout(-1);
            super.onOpen(session);
        }
    }

    @Override
    public void add(String message) {
        events.frame(this, message);
    }

    @Override
    public String poll() {
        return null;
    }

    /**
     * Connects, on a thread that may wait as long as the WebSocket library's handshake timeout. The
     * SDK's connect() logs and swallows every failure; what follows finds out what happened.
     */
    void connect() {
        client.connect();
        boolean closedMeanwhile;
        synchronized (this) {
            connectReturned = true;
            closedMeanwhile = closed;
            if (helloSeen) {
                outcome.complete(Outcome.of(Outcome.Kind.HELLO));
            }
        }
        connected.countDown();
        if (closedMeanwhile) {
            closeClient();
            return;
        }
        // Hello normally follows at once. If not, find out whether there is a session at all:
        // without one verifyConnection() returns false at once; with one it pings, which can
        // take 3 s, so it is not done while hello may still be on its way.
        Duration grace = helloTimeout.compareTo(HELLO_GRACE) < 0 ? helloTimeout : HELLO_GRACE;
        if (awaitOutcome(grace).kind() == Outcome.Kind.TIMEOUT && !client.verifyConnection()) {
            outcome.complete(Outcome.of(Outcome.Kind.NOT_OPENED));
        }
    }

    /** Up needs both: hello, and connect() returned so that the SDK client can send on the session. */
    void helloArrived() {
        synchronized (this) {
            helloSeen = true;
            if (connectReturned) {
                outcome.complete(Outcome.of(Outcome.Kind.HELLO));
            }
        }
    }

    /** Slack asked this socket to go. True when that ends an attempt still waiting for hello. */
    boolean askedToLeave(String reason) {
        leaveReason = reason;
        return outcome.complete(Outcome.of(Outcome.Kind.DISCONNECTED, reason));
    }

    /** Slack's reason for asking this socket to go; null if it never did. */
    String leaveReason() {
        return leaveReason;
    }

    /** How the attempt to open this socket ended, or TIMEOUT if it has not within {@code timeout}. */
    Outcome awaitOutcome(Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Outcome.of(Outcome.Kind.TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(Outcome.Kind.CANCELLED);
        } catch (ExecutionException e) {
            return Outcome.of(Outcome.Kind.CANCELLED);
        }
    }

    /** Sends an ack, once connect() has returned (up to the hello timeout): before, there is no session to send on. */
    void send(String ack) {
        try {
            connected.await(helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.sendSocketModeResponse(ack);
    }

    /** Pings and waits up to 3 s for the answer; false at once when there is no session. */
    boolean answersPing() {
        return client.verifyConnection();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** True when the WebSocket itself closed, whoever closed it. */
    boolean socketClosed() {
        return socketClosed;
    }

    boolean canSend() {
        return !socketClosed && !isClosed();
    }

    /** An envelope from this socket was taken. */
    void taken() {
        inFlight.incrementAndGet();
    }

    /** An envelope from this socket is done; the last one closes a retiring link. */
    void finished() {
        if (inFlight.decrementAndGet() == 0 && isRetiring()) {
            close();
        }
    }

    /** Replaced: closes as soon as its last running handler has acked (or when closed sooner). */
    void retire() {
        synchronized (this) {
            retiring = true;
        }
        if (inFlight.get() == 0) {
            close();
        }
    }

    private synchronized boolean isRetiring() {
        return retiring;
    }

    /** Closes the socket and its client; an attempt still waiting for hello ends as cancelled. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        outcome.complete(Outcome.of(Outcome.Kind.CANCELLED));
        closeClient();
    }

    private void onSocketClosed(Integer code) {
        socketClosed = true;
        outcome.complete(Outcome.of(Outcome.Kind.CLOSED, "code " + code));
        if (!isClosed()) {
            events.socketClosed(this, code);
        }
    }

    private void closeClient() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing a Socket Mode client: {}", e.getClass().getName());
        }
    }
}
