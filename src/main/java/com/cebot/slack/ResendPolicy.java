package com.cebot.slack;

import com.cebot.logging.SafeErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Web API client sends again by itself. OkHttp, left to its default
 * ({@code retryOnConnectionFailure}), sends a request again after a connection failure even when
 * the failure came after Slack had the request: a post whose connection was reset once Slack had
 * made it was made twice, below the outbox's accounting. So the client is built with that off, and
 * this decides instead:
 * <ul>
 *   <li>a request whose kept-alive connection Slack had already closed is sent again at once on
 *       another ({@link HandOff}), as often as the pool hands it such connections;
 *   <li>a request for which no connection could be made, or a method that only reads after any
 *       connection failure, is sent once more, unless it timed out (a timeout already waited as long
 *       as the caller allows);
 *   <li>any other request that may have reached Slack (a post, a thread reply, a DM, each step of
 *       a file upload, {@code views.open}, {@code usergroups.users.update}) is not sent again: its
 *       failure goes to the caller, which treats it as a write of unknown fate (the outbox looks for
 *       it before making it again).
 * </ul>
 */
final class ResendPolicy implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(ResendPolicy.class);

    /**
     * Methods that change nothing at Slack, so sending one twice is harmless (conversations.open
     * returns the DM that exists). Any method not named here is sent once.
     */
    static final Set<String> READS = Set.of(
            "auth.test",
            "apps.connections.open",
            "bots.info",
            "chat.getPermalink",
            "conversations.history",
            "conversations.info",
            "conversations.list",
            "conversations.members",
            "conversations.open",
            "conversations.replies",
            "team.info",
            "usergroups.list",
            "usergroups.users.list",
            "users.info",
            "users.list");
    /** The pool may hold several connections Slack closed at once; each is found and dropped in turn. */
    private static final int MOST_ATTEMPTS = 6;

    /** The client {@code base} builds, with this deciding what is sent again. */
    static OkHttpClient applyTo(OkHttpClient base) {
        return base.newBuilder()
                .retryOnConnectionFailure(false)
                .addInterceptor(new ResendPolicy())
                .addNetworkInterceptor(new HandOff())
                .build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean read = READS.contains(method(request));
        boolean sentOnceMore = false;
        for (int attempt = 1; ; attempt++) {
            Sent sent = new Sent();
            try {
                return chain.proceed(request.newBuilder().tag(Sent.class, sent).build());
            } catch (IOException e) {
                boolean closedBySlack = e instanceof ClosedBySlack;
                // A timeout already waited as long as the caller allows.
                boolean onceMore =
                        !sentOnceMore && !(e instanceof InterruptedIOException) && (read || !sent.handedOver);
                if (attempt >= MOST_ATTEMPTS || chain.call().isCanceled() || !(closedBySlack || onceMore)) {
                    throw e;
                }
                if (closedBySlack) {
                    log.info("{} sent again at once on another connection: {}", method(request), e.getMessage());
                } else {
                    sentOnceMore = true;
                    log.info(
                            "{} sent again {}: {}",
                            method(request),
                            sent.handedOver ? "(a read)" : "(it never left)",
                            SafeErrors.describe(e));
                }
            }
        }
    }

    /** The Web API method a request calls (the last segment of its path), or the path for other URLs. */
    static String method(Request request) {
        List<String> segments = request.url().pathSegments();
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The kept-alive connection a request was to go on had been closed by Slack; nothing was sent. */
    private static final class ClosedBySlack extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedBySlack() {
            super("Slack had closed the kept-alive connection before the request was written to it");
        }
    }

    /** Set once the request is handed to a connection to be written; a tag of each attempt. */
    private static final class Sent {
        private volatile boolean handedOver;
    }

    /**
     * Runs on the connection a request is about to be written to. A connection that already carried
     * an exchange may have been closed by Slack while it waited in the pool (an idle timeout, a
     * deploy): a request written to it would fail with nothing read, but by then no one could tell
     * that failure from Slack cutting the connection after it carried out the call, as both read a
     * reset or an early end of stream. Before the request is written, though, it can be told: a
     * connection Slack closed has its end of stream (or reset) waiting to be read, while an open one
     * has nothing to read until a request is sent. OkHttp looks the same way, but only at connections
     * idle for 10 s or more. So each reused HTTP/1.1 connection is read for at most a millisecond
     * first; a closed one is dropped and the request fails as never sent, which {@link ResendPolicy}
     * sends again at once. A connection that closes after this look leaves the request's fate
     * unknown, and it goes to the caller as such. HTTP/2 connections are left alone: their frames
     * are read by a thread of OkHttp's, and there Slack says which streams it never processed.
     */
    static final class HandOff implements Interceptor {

        /** Connections that carried an exchange; weakly held, as the pool drops them. */
        private final Set<Connection> used =
                Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        @Override
        public Response intercept(Chain chain) throws IOException {
            Connection connection = chain.connection();
            if (connection != null
                    && !used.add(connection)
                    && connection.protocol() == Protocol.HTTP_1_1
                    && closedBySlack(connection.socket())) {
                connection.socket().close();
                throw new ClosedBySlack();
            }
            Sent sent = chain.request().tag(Sent.class);
            if (sent != null) {
                sent.handedOver = true;
            }
            return chain.proceed(chain.request());
        }

        /**
         * True when the socket has an end of stream, a reset or stray bytes waiting: none of them a
         * connection to send a request on. Nothing is taken from an open connection, which has
         * nothing to read before its request.
         */
        private static boolean closedBySlack(Socket socket) {
            int timeout;
            try {
                timeout = socket.getSoTimeout();
            } catch (IOException e) {
                return true;
            }
            try {
                socket.setSoTimeout(1);
                InputStream in = socket.getInputStream();
                in.read();
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            } finally {
                try {
                    socket.setSoTimeout(timeout);
                } catch (IOException e) {
                    // closed: the request will say so
                }
            }
        }
    }
}
