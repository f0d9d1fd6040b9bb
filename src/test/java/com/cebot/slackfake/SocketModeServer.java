package com.cebot.slackfake;

import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The Socket Mode side (SLACK.md §1): accepts connections only with a ticket from
 * {@code apps.connections.open}, greets with {@code hello}, delivers each envelope to one connection
 * (the newest, or each in turn when asked) or, on request, to every open one, and records acks. Protocol pings are answered by Java-WebSocket itself, which the
 * SDK's health check needs.
 */
final class SocketModeServer extends WebSocketServer {

    /** Slack allows this many sockets per app and tells the next one {@code too_many_websockets}. */
    static final int MAX_CONNECTIONS = 10;

    private static final int MAX_RETRIES = 3;

    private final Await.Signal changed = new Await.Signal();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Consumer<Ack> beforeAckIsVisible;
    private final ScheduledExecutorService redeliveries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slackfake-redelivery");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this.
    private final Set<String> tickets = new HashSet<>();
    private final List<WebSocket> open = new ArrayList<>();
    /** Open but sent nothing: no hello, no envelopes. */
    private final Set<WebSocket> mute = new HashSet<>();
    /** Open but answering no pings: a half-open socket. */
    private final Set<WebSocket> frozen = new HashSet<>();

    private final Deque<ObjectNode> undelivered = new ArrayDeque<>();
    private final Map<String, Long> sentAtNanos = new HashMap<>();
    /** The last copy of each envelope sent, so a test can send it again as Slack would. */
    private final Map<String, ObjectNode> sentEnvelopes = new HashMap<>();
    /** Envelopes written to each socket, by the order the sockets opened (1 for the first). */
    private final Map<WebSocket, Integer> socketNumbers = new HashMap<>();

    private final Map<Integer, Integer> deliveredPerSocket = new java.util.TreeMap<>();
    /** Envelopes written to each open socket and not acked yet. */
    private final Map<WebSocket, Set<String>> unackedBySocket = new HashMap<>();
    /** Envelopes whose socket closed before any ack came for them: lost unless sent again. */
    private final Set<String> lostWithSocket = new java.util.LinkedHashSet<>();

    private boolean roundRobin;
    private long nextInTurn;
    private final List<Ack> acks = new ArrayList<>();
    private long lastTicket;
    private int opened;
    private Duration redeliverAfter;
    private boolean deadUrls;
    private boolean withholdHello;

    private SocketModeServer(Consumer<Ack> beforeAckIsVisible) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.beforeAckIsVisible = beforeAckIsVisible;
        setDaemon(true);
        setReuseAddr(true);
        // Each envelope goes out the moment it is sent, as Slack's do, not held back to share a segment.
        setTcpNoDelay(true);
        // Slack does not ping-check clients here; the SDK's own pings are answered regardless.
        setConnectionLostTimeout(0);
    }

    /** @param beforeAckIsVisible runs for each ack before awaitAcks can see it, so its effects are visible too */
    static SocketModeServer start(Consumer<Ack> beforeAckIsVisible) {
        SocketModeServer server = new SocketModeServer(beforeAckIsVisible);
        server.start();
        try {
            if (!server.started.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** A fresh single-use URL, as {@code apps.connections.open} hands out. */
    synchronized String issueUrl() {
        String ticket = String.valueOf(++lastTicket);
        tickets.add(ticket);
        int port = deadUrls ? closedPort() : getPort();
        return "ws://127.0.0.1:" + port + "/link?ticket=" + ticket;
    }

    synchronized void handOutDeadUrls(boolean on) {
        deadUrls = on;
    }

    synchronized void withholdHello(boolean on) {
        withholdHello = on;
    }

    /** Every open socket stays open but gets no more frames and answers no pings. */
    synchronized void freezeConnections() {
        mute.addAll(open);
        frozen.addAll(open);
    }

    void close() {
        redeliveries.shutdownNow();
        try {
            stop(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void redeliverUnackedEvents(Duration after) {
        redeliverAfter = after;
    }

    /**
     * Off by default: each envelope goes to the newest connection. On: the open connections take
     * turns, as Slack spreads envelopes over an app's sockets (SLACK.md §1.5).
     */
    synchronized void deliverRoundRobin(boolean on) {
        roundRobin = on;
    }

    /**
     * Sends to the newest connection that said hello (or the next in turn); with none open, the
     * envelope waits for the next one. A connection that closes between being picked and being
     * written to is passed over for another open one, as Slack does: parked for the next connection
     * instead, the envelope would wait while others stay open, and reach no one.
     */
    void send(ObjectNode envelope) {
        Set<WebSocket> closedUnderIt = new HashSet<>();
        while (true) {
            WebSocket target;
            synchronized (this) {
                sentEnvelopes.put(Json.text(envelope, "envelope_id"), envelope.deepCopy());
                List<WebSocket> live =
                        live().stream().filter(c -> !closedUnderIt.contains(c)).toList();
                if (live.isEmpty()) {
                    undelivered.add(envelope);
                    return;
                }
                target = roundRobin ? live.get((int) (nextInTurn++ % live.size())) : live.get(live.size() - 1);
            }
            if (write(target, envelope)) {
                scheduleRedelivery(envelope);
                return;
            }
            closedUnderIt.add(target);
        }
    }

    /**
     * The same envelope on every open connection at once, as when two sockets overlap. @return how
     * many connections it was written to
     */
    int sendToAll(ObjectNode envelope) {
        List<WebSocket> targets;
        synchronized (this) {
            targets = live();
        }
        int written = 0;
        for (WebSocket target : targets) {
            written += write(target, envelope) ? 1 : 0;
        }
        return written;
    }

    /** The envelope as it was last sent with this id. */
    synchronized ObjectNode sentEnvelope(String envelopeId) {
        ObjectNode envelope = sentEnvelopes.get(envelopeId);
        if (envelope == null) {
            throw new AssertionError("the fake never sent envelope " + envelopeId);
        }
        return envelope.deepCopy();
    }

    /** How many envelopes each socket was given, by the order the sockets opened (1 for the first). */
    synchronized Map<Integer, Integer> deliveredPerSocket() {
        return new java.util.TreeMap<>(deliveredPerSocket);
    }

    /**
     * Open, greeted and not closing: a socket whose close has begun stays in {@code open} until its
     * onClose, but can no longer be written to.
     */
    private List<WebSocket> live() {
        return open.stream().filter(c -> !mute.contains(c) && c.isOpen()).toList();
    }

    private boolean write(WebSocket target, ObjectNode envelope) {
        String envelopeId = Json.text(envelope, "envelope_id");
        synchronized (this) {
            sentAtNanos.put(envelopeId, System.nanoTime());
            sentEnvelopes.put(envelopeId, envelope.deepCopy());
        }
        try {
            target.send(Json.write(envelope));
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
        synchronized (this) {
            deliveredPerSocket.merge(socketNumbers.getOrDefault(target, 0), 1, Integer::sum);
            if (open.contains(target)) {
                unackedBySocket.computeIfAbsent(target, c -> new HashSet<>()).add(envelopeId);
            } else if (acksFor(envelopeId).isEmpty()) {
                lostWithSocket.add(envelopeId);
            }
        }
        return true;
    }

    void sendDisconnect(String reason) {
        ObjectNode frame = Json.object().put("type", "disconnect").put("reason", reason);
        frame.putObject("debug_info").put("host", "applink-fake");
        String text = Json.write(frame);
        List<WebSocket> targets;
        synchronized (this) {
            targets = live();
        }
        targets.forEach(connection -> connection.send(text));
    }

    /** Closes every socket without a close handshake, like a network failure. */
    void dropConnections() {
        openConnections()
                .forEach(connection -> connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the fake"));
    }

    synchronized List<WebSocket> openConnections() {
        return List.copyOf(open);
    }

    synchronized int connectionsOpened() {
        return opened;
    }

    void awaitOpenConnections(int count, Duration timeout) {
        changed.until(
                timeout,
                () -> "expected " + count + " open Socket Mode connection(s) but have "
                        + openConnections().size(),
                () -> openConnections().size() == count);
    }

    void awaitConnectionsOpened(int total, Duration timeout) {
        changed.until(
                timeout,
                () -> "expected " + total + " Socket Mode connection(s) opened in total but got " + connectionsOpened(),
                () -> connectionsOpened() >= total);
    }

    /** Envelopes whose socket closed before they were acked (and not acked since). */
    synchronized Set<String> lostWithSocket() {
        Set<String> lost = new java.util.LinkedHashSet<>(lostWithSocket);
        lost.removeIf(id -> !acksFor(id).isEmpty());
        return lost;
    }

    synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<Ack> awaitAcks(String envelopeId, int count, Duration timeout) {
        changed.until(
                timeout,
                () -> "expected " + count + " ack(s) for envelope " + envelopeId + " but got "
                        + acksFor(envelopeId).size() + "; acked envelopes: "
                        + acks().stream().map(Ack::envelopeId).toList(),
                () -> acksFor(envelopeId).size() >= count);
        return acksFor(envelopeId);
    }

    private List<Ack> acksFor(String envelopeId) {
        return acks().stream().filter(a -> a.envelopeId().equals(envelopeId)).toList();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket connection, Draft draft, ClientHandshake request) throws InvalidDataException {
        String query = URI.create(request.getResourceDescriptor()).getQuery();
        String ticket = query != null && query.startsWith("ticket=") ? query.substring("ticket=".length()) : null;
        synchronized (this) {
            if (ticket == null || !tickets.remove(ticket)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown or used ticket");
            }
        }
        return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        List<ObjectNode> waiting;
        synchronized (this) {
            opened++;
            socketNumbers.put(connection, opened);
            if (open.size() >= MAX_CONNECTIONS) {
                connection.send(
                        Json.write(Json.object().put("type", "disconnect").put("reason", "too_many_websockets")));
                connection.close(CloseFrame.POLICY_VALIDATION, "too many websockets");
                return;
            }
            open.add(connection);
            if (withholdHello) {
                mute.add(connection);
                return;
            }
            connection.send(Json.write(hello(open.size())));
            waiting = List.copyOf(undelivered);
            undelivered.clear();
        }
        changed.signal();
        waiting.forEach(this::send);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        synchronized (this) {
            open.remove(connection);
            mute.remove(connection);
            frozen.remove(connection);
            Set<String> unacked = unackedBySocket.remove(connection);
            if (unacked != null) {
                lostWithSocket.addAll(unacked);
            }
        }
        changed.signal();
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata ping) {
        synchronized (this) {
            if (frozen.contains(connection)) {
                return;
            }
        }
        super.onWebsocketPing(connection, ping);
    }

    @Override
    public void onMessage(WebSocket connection, String text) {
        JsonNode frame = Json.parse(text).orElse(null);
        String envelopeId = Json.text(frame, "envelope_id");
        if (envelopeId == null) {
            return;
        }
        Long sentAt;
        synchronized (this) {
            sentAt = sentAtNanos.get(envelopeId);
        }
        Ack ack = new Ack(
                envelopeId, frame.get("payload"), sentAt == null ? null : Duration.ofNanos(System.nanoTime() - sentAt));
        beforeAckIsVisible.accept(ack);
        synchronized (this) {
            acks.add(ack);
            unackedBySocket.values().forEach(ids -> ids.remove(envelopeId));
        }
        changed.signal();
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        // A broken socket is reported through onClose as well; nothing else to do here.
    }

    /** A loopback port nothing listens on: bound for a moment to learn a free one, then closed again. */
    private static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode hello(int connections) {
        ObjectNode hello = Json.object().put("type", "hello").put("num_connections", connections);
        hello.putObject("debug_info")
                .put("host", "applink-fake")
                .put("build_number", 1)
                .put("approximate_connection_time", 18060);
        hello.putObject("connection_info").put("app_id", SlackFake.APP_ID);
        return hello;
    }

    /** Slack re-sends an events_api envelope not acked in time, with retry_attempt + 1 (SLACK.md §1.6). */
    private void scheduleRedelivery(ObjectNode envelope) {
        Duration after;
        synchronized (this) {
            after = redeliverAfter;
        }
        int attempt = envelope.path("retry_attempt").asInt();
        if (after == null || !"events_api".equals(Json.text(envelope, "type")) || attempt >= MAX_RETRIES) {
            return;
        }
        String envelopeId = Json.text(envelope, "envelope_id");
        redeliveries.schedule(
                () -> {
                    if (acksFor(envelopeId).isEmpty()) {
                        ObjectNode retry = envelope.deepCopy()
                                .put("retry_attempt", attempt + 1)
                                .put("retry_reason", "timeout");
                        send(retry);
                    }
                },
                after.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
