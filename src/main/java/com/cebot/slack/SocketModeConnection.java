package com.cebot.slack;

import com.cebot.db.Deadline;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 *       one-line {@link StartFailure} within {@link Timing#helloTimeout()}, having closed what it
 *       opened. It also starts the Bolt {@link App}; that makes no Slack call when the app's
 *       middleware is already built (an {@code app.use(…)} before, as the bot does), else it runs
 *       Bolt's {@code auth.test}.
 *   <li><b>Dispatch at once.</b> Each frame goes to a bounded worker pool the moment it is read,
 *       having had only its header read (the SDK's own queue is polled by one task per thread every
 *       10 ms); when the pool and its backlog are full, the socket's reader runs it itself. Bolt's
 *       answer becomes the ack exactly as {@code SocketModeApp} builds it, except for shortcuts:
 *       their ack carries nothing and waits for nothing, so the reader sends it before the frame
 *       goes to a worker. Payloads are never logged: they hold what people typed.
 *   <li><b>Supervised.</b> A {@code disconnect} frame (any reason) opens a replacement at once and
 *       closes the old socket once its handlers are done; a closed socket, or one that stops
 *       answering pings, is replaced too. Failed attempts are retried after
 *       {@link Timing#firstRetry()} doubling to {@link Timing#maxRetry()}, minus up to 20 % jitter,
 *       each logged in one WARN line; recovery is one INFO line.
 *   <li><b>Graceful close.</b> {@link #close()} stops taking envelopes (later ones are dropped and
 *       counted: Slack sends events again, to another connection), waits up to
 *       {@link Timing#drainTimeout()} for running handlers to send their acks, then closes the
 *       sockets and every thread it started.
 * </ul>
 *
 * <p>Each socket gets its own SDK client ({@link SocketModeClientTyrusImpl}, session monitor and
 * auto-reconnect off, no polling threads). The SDK client is built around one "current session"
 * and closes a replaced one on a private executor its {@code close()} never shuts down; one client
 * per socket also lets a handler ack on the socket its envelope came from.
 */
public final class SocketModeConnection implements AutoCloseable {

    /** Slack's 3 s to ack, less the time the ack takes to travel back. */
    private static final Duration ACK_WINDOW = Duration.ofMillis(2_800);
    /** The least an envelope's listener gets for its store work, however long it waited. */
    private static final Duration LAST_TURN = Duration.ofMillis(300);


    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

    /** The SDK's ping check waits this long for a pong (SocketModeClientTyrusImpl#verifyConnection). */
    private static final String PING_WAIT = "3 s";
    private static final int BACKLOG = 10_000;
    private static final Duration HELLO_GRACE = Duration.ofMillis(500);
    private static final List<String> ENVELOPE_TYPES = List.of("events_api", "interactive", "slash_commands");

    /**
     * @param helloTimeout how long a new socket may take to open and say hello
     * @param drainTimeout how long {@link #close()} waits for running handlers
     * @param pingInterval how often the open socket is ping-checked (the check itself waits up to 3 s)
     * @param firstRetry the wait after the first failed reconnect; it doubles with each failure
     * @param maxRetry the longest wait between reconnects
     */
    public record Timing(Duration helloTimeout, Duration drainTimeout, Duration pingInterval, Duration firstRetry,
            Duration maxRetry) {

        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60));

        public Timing {
            for (Duration d : List.of(helloTimeout, drainTimeout, pingInterval, firstRetry, maxRetry)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("Socket Mode timings must be positive: " + d);
                }
            }
        }
    }

    /** Why {@link #start()} gave up, in one line fit for the person starting the bot. */
    public static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final App app;
    private final Slack slack;
    private final String appToken;
    private final Timing timing;
    private final Clock clock;
    private final Consumer<Instant> onHello;
    private final SocketModeRequestParser parser;
    private final Gson gson;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor supervisor;
    /**
     * Opens sockets. The WebSocket library's connect can block until its own handshake timeout
     * (30 s) when the server cuts the socket mid-handshake; on the supervisor that would stop all
     * supervision, reconnects included, for as long.
     */
    private final ExecutorService connector;

    /** Envelopes taken and not finished, over all sockets; close() waits for zero. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean accepting = true;
    private volatile boolean gaveUp;
    private volatile Instant lastHello;

    // Guarded by this. Changed on the supervisor thread, except what start() and close() set.
    private final Set<Link> links = new HashSet<>();
    private boolean started;
    private boolean closing;
    private Link current;
    private boolean reconnecting;
    private int failedAttempts;
    private Instant downSince;

    /**
     * @param app the Bolt app whose listeners handle the envelopes; its {@code slack()} makes the Web API calls
     * @param appToken the app-level token ({@code xapp-…}) with {@code connections:write}
     * @param threads workers running handlers
     * @param onHello told the time of every {@code hello} Slack sends (on a worker thread), before
     *     {@link #start()} can return on it
     */
    public SocketModeConnection(App app, String appToken, int threads, Timing timing, Clock clock,
            Consumer<Instant> onHello) {
        this.app = app;
        this.slack = app.slack();
        this.appToken = appToken;
        this.timing = timing;
        this.clock = clock;
        this.onHello = onHello;
        this.parser = new SocketModeRequestParser(app.config());
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG),
                r -> daemon(r, "socket-envelope-" + n.incrementAndGet()),
                // Every worker busy and the backlog full: the socket's reader runs the envelope itself,
                // reading more slowly rather than dropping one. Once closed, refuse.
                (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("closed");
                    }
                    task.run();
                });
        this.supervisor = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "socket-supervisor"));
        AtomicInteger c = new AtomicInteger();
        this.connector = Executors.newCachedThreadPool(r -> daemon(r, "socket-connect-" + c.incrementAndGet()));
    }

    /**
     * Opens the connection and returns once Slack said hello on it; then keeps it open until
     * {@link #close()}. On failure everything opened is closed again and this object is done.
     */
    public void start() throws StartFailure {
        synchronized (this) {
            if (started || closing) {
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
        Link link;
        try {
            link = newLink(openUrl());
        } catch (AttemptFailed e) {
            close();
            throw new StartFailure(e.refusedToken
                    ? "SLACK_APP_TOKEN was refused by Slack (" + e.getMessage() + "). Create an app-level token"
                            + " with the connections:write scope under Basic Information."
                    : "Cannot open a Socket Mode connection: " + e.getMessage());
        }
        // Connecting can block as long as the WebSocket library's handshake timeout; the wait for
        // hello below is the bound.
        try {
            connector.execute(link::connect);
        } catch (RejectedExecutionException e) {
            close();
            throw new StartFailure("Cannot open a Socket Mode connection: closed while starting");
        }
        Outcome outcome = link.awaitOutcome(timing.helloTimeout());
        if (outcome.kind() != Outcome.Kind.HELLO) {
            close();
            throw new StartFailure(startFailure(outcome, link));
        }
        boolean closedMeanwhile;
        synchronized (this) {
            closedMeanwhile = closing || !link.canSend();
            if (!closedMeanwhile) {
                current = link;
            }
        }
        if (closedMeanwhile) {
            close();
            throw new StartFailure("Slack's Socket Mode closed the connection right after hello (wss host "
                    + link.host + ")");
        }
        long ping = timing.pingInterval().toMillis();
        try {
            supervisor.scheduleWithFixedDelay(() -> guarded("ping check", this::checkPing), ping, ping,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed right after starting: nothing to check.
        }
    }

    /** True while a socket that said hello is open and the connection is not closing. */
    public synchronized boolean isUp() {
        return !closing && current != null && current.canSend();
    }

    /** When Slack last said hello on any socket of this connection. */
    public Optional<Instant> lastHello() {
        return Optional.ofNullable(lastHello);
    }

    /**
     * Stops taking envelopes, lets running handlers finish and send their acks (up to
     * {@link Timing#drainTimeout()}), then closes the sockets, the SDK clients and every thread.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        accepting = false;
        supervisor.shutdownNow();
        connector.shutdownNow();
        int stillRunning = awaitHandlers(timing.drainTimeout());
        gaveUp = stillRunning > 0;
        List<Link> open;
        synchronized (this) {
            open = new ArrayList<>(links);
            current = null;
        }
        open.forEach(Link::close);
        workers.shutdownNow();
        awaitTermination(supervisor);
        awaitTermination(workers);
        try {
            app.stop();
        } catch (RuntimeException e) {
            log.warn("Bolt did not stop cleanly: {}", e.getClass().getName());
        }
        if (stillRunning > 0) {
            log.warn("{} Socket Mode handler(s) still running after {}; closed without their acks", stillRunning,
                    seconds(timing.drainTimeout()));
        }
        int lost = dropped.get();
        if (lost > 0) {
            log.info("Dropped {} Socket Mode envelope(s) that arrived while closing; Slack sends events again"
                    + " to another connection", lost);
        }
    }

    // ---- frames

    /**
     * On the socket's reader thread: reads the frame's header only, acks a shortcut, and hands the
     * frame to a worker. Counted before the check so that close(), which clears {@code accepting} and then waits for
     * zero, either sees this frame running or this frame sees close().
     */
    private void onFrame(Link link, String message) {
        long arrived = System.nanoTime();
        inFlight.incrementAndGet();
        link.inFlight.incrementAndGet();
        FrameHeader header = FrameHeader.read(message);
        if (!accepting) {
            finished(link);
            dropIfEnvelope(header);
            return;
        }
        // Acked here, on the socket's reader: in a burst a shortcut's worker may be a long way off,
        // and its modal opens after the ack all the same.
        if (header.acksFirst()) {
            sendAck(link, header.type(), header.envelopeId(), gson.toJson(new AckResponse(header.envelopeId())));
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

    private void dropIfEnvelope(FrameHeader header) {
        if (ENVELOPE_TYPES.contains(header.type())) {
            dropped.incrementAndGet();
        }
    }

    /** On a worker (or on the reader when every worker is busy and the backlog full). */
    private void route(Link link, String message, FrameHeader frame, long arrived) {
        if (frame.type() == null) {
            log.warn("Ignored a Socket Mode frame without a type");
        } else if (frame.type().equals("hello")) {
            // Reported before start() can return on it, so a caller sees its first hello stored.
            Instant at = clock.instant();
            lastHello = at;
            try {
                onHello.accept(at);
            } catch (RuntimeException e) {
                log.warn("The hello callback failed: {}", describe(e));
            }
            link.helloArrived();
        } else if (frame.type().equals("disconnect")) {
            disconnectRequested(link, frame.reason() == null ? "no reason given" : frame.reason());
        } else if (ENVELOPE_TYPES.contains(frame.type())) {
            handle(link, message, frame.type(), frame.envelopeId(), arrived, frame.acksFirst());
        }
    }

    private void finished(Link link) {
        if (link.inFlight.decrementAndGet() == 0 && link.isRetiring()) {
            link.close();
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    // ---- handlers, on a worker

    /** What SocketModeApp#runBoltApp does, without logging bodies or payloads. */
    private void handle(Link link, String message, String type, String envelopeId, long arrived, boolean acked) {
        try {
            SocketModeRequest request = parser.parse(message);
            if (request == null) {
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
            Response response = Deadline.callWithin(left.compareTo(LAST_TURN) < 0 ? LAST_TURN : left,
                    () -> app.run(request.getBoltRequest()));
            Integer status = response == null ? null : response.getStatusCode();
            if (status == null || status != 200) {
                log.warn("Bolt answered {} to {} envelope {}; {}", status, type, envelopeId,
                        acked ? "acked already" : "not acked");
                return;
            }
            if (!acked) {
                sendAck(link, type, envelopeId, ack(envelopeId, response));
            }
        } catch (Exception e) {
            if (gaveUp) {
                // Cut short by close() after the drain timeout, which says so in its own line.
                log.debug("Handling {} envelope {} stopped: {}", type, envelopeId, describe(e));
            } else {
                log.error("Handling {} envelope {} failed: {}", type, envelopeId, describe(e));
            }
        }
    }

    /** SocketModeApp's ack: JSON body as the payload, any other body as {"text": body}, else a plain ack. */
    private String ack(String envelopeId, Response response) {
        String body = response.getBody();
        if (body == null) {
            return gson.toJson(new AckResponse(envelopeId));
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        String contentType = response.getContentType();
        if (contentType != null && contentType.startsWith("application/json")) {
            ack.put("payload", gson.fromJson(body, JsonElement.class));
        } else {
            ack.put("payload", Map.of("text", body));
        }
        return gson.toJson(ack);
    }

    /** On the socket the envelope came from, or, if that one is gone, on the current one (as the SDK does). */
    private void sendAck(Link link, String type, String envelopeId, String ack) {
        Link target = link.canSend() ? link : currentIfOpen();
        if (target == null) {
            log.warn("The ack for {} envelope {} was not sent: no Socket Mode connection is open", type, envelopeId);
            return;
        }
        target.awaitConnected(timing.helloTimeout());
        try {
            target.client.sendSocketModeResponse(ack);
        } catch (RuntimeException e) {
            log.warn("The ack for {} envelope {} was not sent: {}", type, envelopeId, e.getClass().getSimpleName());
        }
    }

    private synchronized Link currentIfOpen() {
        return current != null && current.canSend() ? current : null;
    }

    // ---- supervision: events arrive on socket and worker threads and are handled on the supervisor

    private void disconnectRequested(Link link, String reason) {
        link.leaveReason = reason;
        if (link.outcome.complete(Outcome.of(Outcome.Kind.DISCONNECTED, reason))) {
            return; // a socket still being opened: its attempt fails with this reason
        }
        onSupervisor(() -> {
            synchronized (this) {
                if (closing || link != current || reconnecting) {
                    return;
                }
                reconnecting = true;
            }
            attempt();
        });
    }

    private void socketClosed(Link link, Integer code) {
        link.socketClosed = true;
        link.outcome.complete(Outcome.of(Outcome.Kind.CLOSED, "code " + code));
        if (!link.isClosed()) {
            onSupervisor(() -> lost(link, "socket closed, code " + code));
        }
    }

    private void checkPing() {
        Link link;
        synchronized (this) {
            link = closing ? null : current;
        }
        if (link == null || link.client.verifyConnection()) {
            return;
        }
        if (!link.isClosed()) {
            lost(link, link.socketClosed ? "socket closed" : "no answer to ping within " + PING_WAIT);
        }
    }

    private void lost(Link link, String why) {
        boolean wasCurrent;
        boolean reconnectNow = false;
        synchronized (this) {
            wasCurrent = !closing && link == current;
            if (wasCurrent) {
                current = null;
                downSince = clock.instant();
                reconnectNow = !reconnecting;
                reconnecting = true;
            }
        }
        if (wasCurrent) {
            log.warn("Socket Mode connection lost ({}); reconnecting", why);
        }
        link.close();
        if (reconnectNow) {
            attempt();
        }
    }

    /**
     * One try at a new socket: URL, connect, hello. Runs on the supervisor, so never two at once;
     * the connect itself runs on the connector and is waited for up to the hello timeout.
     */
    private void attempt() {
        synchronized (this) {
            if (closing) {
                return;
            }
        }
        Link link = null;
        String failure;
        Duration retryAfter = Duration.ZERO;
        try {
            link = newLink(openUrl());
            // Not on this thread: a connect stuck in the handshake must not hold up supervision. A
            // socket without hello in time is given up and closed; its connect ends on its own.
            connector.execute(link::connect);
            Outcome outcome = link.awaitOutcome(timing.helloTimeout());
            if (outcome.kind() == Outcome.Kind.HELLO) {
                succeeded(link);
                return;
            }
            failure = attemptFailure(outcome, link);
        } catch (AttemptFailed e) {
            failure = e.refusedToken ? "apps.connections.open answered " + e.getMessage() : e.getMessage();
            retryAfter = e.retryAfter;
        } catch (RuntimeException e) {
            failure = describe(e);
        }
        if (link != null) {
            link.close();
        }
        Duration delay;
        int attempt;
        synchronized (this) {
            if (closing) {
                return;
            }
            attempt = ++failedAttempts;
            delay = backoff(attempt, retryAfter);
        }
        log.warn("Socket Mode reconnect attempt {} failed: {}; next try in {}", attempt, failure, seconds(delay));
        try {
            supervisor.schedule(() -> guarded("reconnect", this::attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    private void succeeded(Link link) {
        Link old;
        int attempts;
        Instant wentDown;
        boolean tooLate;
        synchronized (this) {
            tooLate = closing;
            old = current;
            if (!tooLate) {
                current = link;
                reconnecting = false;
                attempts = failedAttempts + 1;
                failedAttempts = 0;
                wentDown = downSince;
                downSince = null;
            } else {
                attempts = 0;
                wentDown = null;
            }
        }
        if (tooLate) {
            link.close();
            return;
        }
        if (old == null) {
            Duration down = wentDown == null ? Duration.ZERO : Duration.between(wentDown, clock.instant());
            log.info("Socket Mode connection restored after {} attempt(s), {} down (wss host {})", attempts,
                    seconds(down), link.host);
        } else {
            log.info("Socket Mode connection replaced at Slack's request ({}) after {} attempt(s) (wss host {})",
                    old.leaveReason, attempts, link.host);
            old.retire();
            try {
                supervisor.schedule(old::close, timing.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                old.close();
            }
        }
    }

    /** firstRetry doubling up to maxRetry, minus up to 20 % so that many bots do not retry in step. */
    private Duration backoff(int failures, Duration retryAfter) {
        long first = timing.firstRetry().toMillis();
        long max = timing.maxRetry().toMillis();
        long nominal = failures >= 31 ? max : Math.min(max, first << (failures - 1));
        long jittered = (long) (nominal * (1 - 0.2 * ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
    }

    private void onSupervisor(Runnable task) {
        try {
            supervisor.execute(() -> guarded("Socket Mode supervision", task));
        } catch (RejectedExecutionException e) {
            // Closing: nothing to supervise.
        }
    }

    /** A scheduled task that throws is silently never run again; log it and carry on instead. */
    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, describe(e));
        }
    }

    // ---- opening sockets

    private String openUrl() throws AttemptFailed {
        AppsConnectionsOpenResponse open;
        try {
            open = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
        } catch (SlackApiException e) {
            throw new AttemptFailed("apps.connections.open answered HTTP " + e.getResponse().code(), false,
                    RetryAfter.of(e).orElse(Duration.ZERO));
        } catch (IOException | RuntimeException e) {
            throw new AttemptFailed("apps.connections.open failed: " + e.getMessage(), false, Duration.ZERO);
        }
        if (!open.isOk()) {
            throw new AttemptFailed(open.getError(), true, Duration.ZERO);
        }
        if (open.getUrl() == null) {
            throw new AttemptFailed("apps.connections.open returned no URL", false, Duration.ZERO);
        }
        return open.getUrl();
    }

    private Link newLink(String url) throws AttemptFailed {
        Link link;
        try {
            link = new Link(url);
        } catch (URISyntaxException e) {
            throw new AttemptFailed("apps.connections.open returned an unusable URL", false, Duration.ZERO);
        }
        boolean refused;
        synchronized (this) {
            refused = closing;
            if (!refused) {
                links.add(link);
            }
        }
        if (refused) {
            link.close();
            throw new AttemptFailed("closing", false, Duration.ZERO);
        }
        return link;
    }

    private String startFailure(Outcome outcome, Link link) {
        return switch (outcome.kind()) {
            case TIMEOUT -> "Slack's Socket Mode did not answer with hello within " + seconds(timing.helloTimeout())
                    + " (wss host " + link.host + ")";
            case NOT_OPENED -> "Cannot open the Socket Mode WebSocket (wss host " + link.host + "). Check that the"
                    + " network lets this machine open WebSocket connections to Slack.";
            case DISCONNECTED -> "Slack's Socket Mode refused the connection (disconnect: " + outcome.detail()
                    + ", wss host " + link.host + ")" + ("too_many_websockets".equals(outcome.detail())
                            ? ". The app already has 10 connections open: stop other running copies of the bot."
                            : "");
            case CLOSED -> "Slack's Socket Mode closed the connection before hello (" + outcome.detail()
                    + ", wss host " + link.host + ")";
            case HELLO, CANCELLED -> "Socket Mode connection closed while starting";
        };
    }

    private String attemptFailure(Outcome outcome, Link link) {
        return switch (outcome.kind()) {
            case TIMEOUT -> "no hello within " + seconds(timing.helloTimeout()) + " (wss host " + link.host + ")";
            case NOT_OPENED -> "the WebSocket did not open (wss host " + link.host + ")";
            case DISCONNECTED -> "Slack sent disconnect (" + outcome.detail() + ") instead of hello (wss host "
                    + link.host + ")";
            case CLOSED -> "the socket closed before hello (" + outcome.detail() + ", wss host " + link.host + ")";
            case HELLO, CANCELLED -> "cancelled";
        };
    }

    // ---- helpers

    private int awaitHandlers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return inFlight.get();
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** "10 s", "0.5 s": for log lines and messages. */
    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }

    /**
     * The exception's class and where it was thrown, without its message: a message may quote what
     * a person typed.
     */
    private static String describe(Throwable e) {
        StackTraceElement where = null;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (where == null) {
                where = frame;
            }
            if (frame.getClassName().startsWith("com.cebot.")) {
                where = frame;
                break;
            }
        }
        return e.getClass().getName() + (where == null ? "" : " at " + where);
    }

    /**
     * The top-level strings that say what a frame is, read without building the payload's tree
     * (Bolt parses the envelope again anyway); nulls for what is missing or not JSON.
     */
    /** A frame's top-level fields, and its payload's {@code type}, read without parsing the rest. */
    private record FrameHeader(String type, String envelopeId, String reason, String payloadType) {

        /** Interactions whose ack says nothing: a shortcut opens a modal after it, with its trigger id. */
        private static final Set<String> ACK_FIRST = Set.of("shortcut", "message_action");

        static FrameHeader read(String message) {
            String type = null;
            String envelopeId = null;
            String reason = null;
            String payloadType = null;
            try (JsonReader reader = new JsonReader(new StringReader(message))) {
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (name.equals("payload") && reader.peek() == JsonToken.BEGIN_OBJECT) {
                        payloadType = typeOf(reader);
                    } else if (reader.peek() != JsonToken.STRING) {
                        reader.skipValue();
                    } else if (name.equals("type")) {
                        type = reader.nextString();
                    } else if (name.equals("envelope_id")) {
                        envelopeId = reader.nextString();
                    } else if (name.equals("reason")) {
                        reason = reader.nextString();
                    } else {
                        reader.skipValue();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not a JSON object: whatever was read so far stands.
            }
            return new FrameHeader(type, envelopeId, reason, payloadType);
        }

        private static String typeOf(JsonReader reader) throws IOException {
            String found = null;
            reader.beginObject();
            while (reader.hasNext()) {
                if (reader.nextName().equals("type") && reader.peek() == JsonToken.STRING) {
                    found = reader.nextString();
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            return found;
        }

        /**
         * An envelope acked the moment it is read, before its listener runs: its ack carries nothing
         * and its listener stores nothing, so there is nothing for the ack to wait for.
         */
        boolean acksFirst() {
            return "interactive".equals(type) && envelopeId != null && ACK_FIRST.contains(payloadType);
        }
    }

    /** How an attempt to open a socket ended. */
    private record Outcome(Kind kind, String detail) {

        enum Kind { HELLO, NOT_OPENED, CLOSED, DISCONNECTED, TIMEOUT, CANCELLED }

        static Outcome of(Kind kind, String detail) {
            return new Outcome(kind, detail);
        }
    }

    private static final class AttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;

        final boolean refusedToken;
        final Duration retryAfter;

        AttemptFailed(String message, boolean refusedToken, Duration retryAfter) {
            super(message, null, false, false);
            this.refusedToken = refusedToken;
            this.retryAfter = retryAfter;
        }
    }

    /** One WebSocket and the SDK client that owns it; also the client's message queue. */
    private final class Link implements SocketModeMessageQueue {

        final String host;
        final SocketModeClientTyrusImpl client;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        final CountDownLatch connected = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean socketClosed;
        volatile String leaveReason;
        // Guarded by this.
        private boolean connectReturned;
        private boolean helloSeen;
        private boolean closed;
        private boolean retiring;

        Link(String url) throws URISyntaxException {
            URI uri = new URI(url);
            // Never the query: it holds the connection's ticket.
            this.host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            // No message-processor threads (our queue hands frames over itself), no session monitor,
            // no auto-reconnect: the supervisor does all of that.
            this.client = new SocketModeClientTyrusImpl(slack, appToken, url, 0, this, false, false,
                    Timing.DEFAULT.pingInterval().toMillis());
            client.addWebSocketCloseListener((code, reason) -> socketClosed(this, code));
        }

        @Override
        public void add(String message) {
            onFrame(this, message);
        }

        @Override
        public String poll() {
            return null;
        }

        /** The SDK's connect() logs and swallows every failure; what follows finds out what happened. */
        void connect() {
            client.connect();
            boolean closedMeanwhile;
            synchronized (this) {
                connectReturned = true;
                closedMeanwhile = closed;
                if (helloSeen) {
                    outcome.complete(Outcome.of(Outcome.Kind.HELLO, null));
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
            Duration grace = timing.helloTimeout().compareTo(HELLO_GRACE) < 0 ? timing.helloTimeout() : HELLO_GRACE;
            if (awaitOutcome(grace).kind() == Outcome.Kind.TIMEOUT && !client.verifyConnection()) {
                outcome.complete(Outcome.of(Outcome.Kind.NOT_OPENED, null));
            }
        }

        /** Up needs both: hello, and connect() returned so that the SDK client can send on the session. */
        void helloArrived() {
            synchronized (this) {
                helloSeen = true;
                if (connectReturned) {
                    outcome.complete(Outcome.of(Outcome.Kind.HELLO, null));
                }
            }
        }

        Outcome awaitOutcome(Duration timeout) {
            try {
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return Outcome.of(Outcome.Kind.TIMEOUT, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.of(Outcome.Kind.CANCELLED, null);
            } catch (ExecutionException e) {
                return Outcome.of(Outcome.Kind.CANCELLED, null);
            }
        }

        void awaitConnected(Duration timeout) {
            try {
                connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized boolean isClosed() {
            return closed;
        }

        boolean canSend() {
            return !socketClosed && !isClosed();
        }

        /** Replaced: closes as soon as its last running handler has acked (or when the supervisor says). */
        void retire() {
            synchronized (this) {
                retiring = true;
            }
            if (inFlight.get() == 0) {
                close();
            }
        }

        synchronized boolean isRetiring() {
            return retiring;
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            outcome.complete(Outcome.of(Outcome.Kind.CANCELLED, null));
            synchronized (SocketModeConnection.this) {
                links.remove(this);
            }
            closeClient();
        }

        private void closeClient() {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing a Socket Mode client: {}", e.getClass().getName());
            }
        }
    }
}
