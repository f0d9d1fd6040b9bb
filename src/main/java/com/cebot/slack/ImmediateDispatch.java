package com.cebot.slack;

import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each Socket Mode frame to a worker the moment it arrives. The SDK's own queue is drained
 * by scheduled tasks that take one frame per thread every 10 ms, which caps a connection at about
 * 1,000 envelopes a second and, measured on a burst of 500 shortcuts, put the median ack at 630 ms.
 * Frames already in the SDK's queue when this takes over are still drained through it.
 */
public final class ImmediateDispatch implements SocketModeMessageQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImmediateDispatch.class);

    private final SocketModeClient client;
    private final SocketModeMessageQueue previous;
    private final ThreadPoolExecutor workers;

    private ImmediateDispatch(SocketModeClient client, int threads) {
        this.client = client;
        this.previous = client.getMessageQueue();
        AtomicInteger n = new AtomicInteger();
        // When every worker is busy and the backlog is full, the socket's reader runs the frame
        // itself: it slows down reading rather than dropping an envelope.
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "socket-envelope-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Replaces the client's queue; close the returned dispatch after the client. */
    public static ImmediateDispatch install(SocketModeClient client, int threads) {
        ImmediateDispatch dispatch = new ImmediateDispatch(client, threads);
        client.setMessageQueue(dispatch);
        return dispatch;
    }

    @Override
    public void add(String message) {
        workers.execute(() -> {
            try {
                client.processMessage(message);
            } catch (Exception e) {
                log.error("Socket Mode frame could not be handled: {}", e.toString());
            }
        });
    }

    @Override
    public String poll() {
        return previous.poll();
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
