package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A bare Socket Mode client for testing the fake's socket: it keeps every frame and acks only when told. */
final class RawSocketClient extends WebSocketClient {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch pong = new CountDownLatch(1);
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    RawSocketClient(String url) {
        super(URI.create(url));
    }

    /** Connects and returns the client, or null if the fake refused the handshake. */
    static RawSocketClient connect(String url) throws InterruptedException {
        RawSocketClient client = new RawSocketClient(url);
        return client.connectBlocking(5, TimeUnit.SECONDS) ? client : null;
    }

    JsonNode nextFrame(Duration timeout) throws InterruptedException {
        JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return frame;
    }

    /** Frames received and not yet taken with {@link #nextFrame}. */
    int framesWaiting() {
        return frames.size();
    }

    void ack(String envelopeId, JsonNode payload) {
        ObjectNode ack = Json.object().put("envelope_id", envelopeId);
        if (payload != null) {
            ack.set("payload", payload);
        }
        send(Json.write(ack));
    }

    boolean awaitPong(Duration timeout) throws InterruptedException {
        return pong.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int awaitCloseCode(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // Nothing to do until the fake's hello arrives.
    }

    @Override
    public void onMessage(String message) {
        frames.add(Json.parse(message).orElseThrow());
    }

    @Override
    public void onWebsocketPong(WebSocket connection, Framedata frame) {
        pong.countDown();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception error) {
        // Failures show up as missing frames or a close code in the test.
    }
}
